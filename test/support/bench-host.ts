import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { startHost, type Host } from '../../canvas/server/host';
import { chromiumLaunchOptions } from './chromium';

/**
 * What a UI bench runs against: a host on a free loopback port serving `staticDir`, its data in
 * `dir`/data, and Chromium (test/support/chromium.ts). The caller closes both.
 */
export async function startBenchHost(
  dir: string,
  staticDir: string,
): Promise<{ host: Host; browser: Browser }> {
  const host = await startHost({
    port: 0,
    host: '127.0.0.1',
    dataDir: join(dir, 'data'),
    staticDir,
    quiet: true,
  });
  const browser = await chromium.launch(await chromiumLaunchOptions());
  return { host, browser };
}
