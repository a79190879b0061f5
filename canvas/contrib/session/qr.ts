import qrcode from 'qrcode-generator';

/** A QR code as one SVG path (a 1x1 square per dark module), drawn by the caller. */
export interface QrPath {
  /** Modules per side, without the quiet zone. */
  readonly size: number;
  readonly d: string;
}

export function qrPath(text: string): QrPath {
  const qr = qrcode(0, 'M');
  qr.addData(text, 'Byte');
  qr.make();
  const size = qr.getModuleCount();
  const parts: string[] = [];
  for (let r = 0; r < size; r++)
    for (let c = 0; c < size; c++) if (qr.isDark(r, c)) parts.push(`M${c} ${r}h1v1h-1z`);
  return { size, d: parts.join('') };
}

/** Whether phones on the network can reach a link (not a loopback address). */
export function reachableFromNetwork(link: string): boolean {
  try {
    const host = new URL(link).hostname;
    return !(host === 'localhost' || host === '::1' || host === '[::1]' || /^127\./.test(host));
  } catch {
    return false;
  }
}
