/**
 * Saves `data` as a file named `name` through the browser's download (an object URL behind a
 * temporary `<a download>`), for every feature that exports something.
 */
export function download(name: string, data: Blob | string | Uint8Array, type: string): void {
  const blob =
    data instanceof Blob
      ? data
      : new Blob([typeof data === 'string' ? data : new Uint8Array(data)], { type });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}

/** Saves text as a UTF-8 file (`type` without the charset). */
export function downloadText(name: string, text: string, type = 'text/plain'): void {
  download(name, text, `${type};charset=utf-8`);
}
