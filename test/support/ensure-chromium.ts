/**
 * Makes sure a Chromium is there for the end-to-end suite: WEAVEMAP_CHROMIUM / CHROMIUM_PATH,
 * else /usr/bin/chromium; if none, installs Debian's `chromium` when running as root with apt,
 * and otherwise stops with one line naming what to install. Never downloads a browser itself.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromiumPath } from './chromium';

const path = chromiumPath();
if (existsSync(path)) process.exit(0);

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const hasApt = existsSync('/usr/bin/apt-get');
if (isRoot && hasApt && !process.env.WEAVEMAP_CHROMIUM && !process.env.CHROMIUM_PATH) {
  console.log("Chromium not found: installing Debian's chromium package (apt-get)…");
  execFileSync('apt-get', ['update'], { stdio: 'inherit' });
  execFileSync('apt-get', ['install', '-y', 'chromium'], {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  if (existsSync(path)) process.exit(0);
}
console.error(
  `No Chromium at ${path}: install Debian's "chromium" package (sudo apt-get install chromium) or set WEAVEMAP_CHROMIUM to a Chromium binary.`,
);
process.exit(1);
