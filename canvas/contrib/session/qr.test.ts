import { describe, expect, it } from 'vitest';
import qrcode from 'qrcode-generator';
import { qrPath, reachableFromNetwork } from './qr';

describe('qrPath', () => {
  it('draws exactly the dark modules of the code for the link', () => {
    const link = 'http://192.168.1.20:5178/#/r/abc123?k=secret';
    const { size, d } = qrPath(link);
    const qr = qrcode(0, 'M');
    qr.addData(link, 'Byte');
    qr.make();
    expect(size).toBe(qr.getModuleCount());
    let dark = 0;
    for (let r = 0; r < size; r++) for (let c = 0; c < size; c++) if (qr.isDark(r, c)) dark++;
    expect(d.split('M').length - 1).toBe(dark);
    expect(d).toContain('M0 0h1v1h-1z'); // the top-left finder pattern's corner
  });
});

describe('reachableFromNetwork', () => {
  it('is false for loopback links and true for network addresses', () => {
    expect(reachableFromNetwork('http://127.0.0.1:5178/#/r/x')).toBe(false);
    expect(reachableFromNetwork('http://localhost:5178/')).toBe(false);
    expect(reachableFromNetwork('http://192.168.1.20:5178/')).toBe(true);
    expect(reachableFromNetwork('not a link')).toBe(false);
  });
});
