import { existsSync } from 'node:fs';
import { chromium, type LaunchOptions } from '@playwright/test';

/**
 * Debian's Chromium, driven by Playwright (we never download a browser). WEAVEMAP_CHROMIUM or
 * CHROMIUM_PATH overrides the path.
 */
export function chromiumPath(): string {
  return process.env.WEAVEMAP_CHROMIUM ?? process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
}

export function hasChromium(): boolean {
  return existsSync(chromiumPath());
}

/** Flags this machine needs: no sandbox as root, no GPU, no outside network or lookups. */
export const BASE_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1',
];

/** WebRTC must offer plain loopback/LAN candidates: .local mDNS names cannot resolve here. */
const EXTRA_DISABLED_FEATURES = ['WebRtcHideLocalIpsWithMdns'];

let defaultDisableFeatures: Promise<string | null> | null = null;

/**
 * Playwright passes its own `--disable-features=` list, and Chromium honours only the last such
 * flag. Read Playwright's list from a real launch once, so ours can extend it rather than
 * replace it.
 */
function playwrightDisableFeatures(): Promise<string | null> {
  defaultDisableFeatures ??= (async () => {
    const server = await chromium.launchServer({ executablePath: chromiumPath(), args: BASE_ARGS });
    try {
      const args = server.process().spawnargs;
      return args.find((a) => a.startsWith('--disable-features=')) ?? null;
    } finally {
      await server.close();
    }
  })();
  return defaultDisableFeatures;
}

export async function chromiumLaunchOptions(extraArgs: string[] = []): Promise<LaunchOptions> {
  const theirs = await playwrightDisableFeatures();
  const merged = [
    ...(theirs ? theirs.slice('--disable-features='.length).split(',') : []),
    ...EXTRA_DISABLED_FEATURES,
  ].filter(Boolean);
  return {
    executablePath: chromiumPath(),
    headless: true,
    ...(theirs ? { ignoreDefaultArgs: [theirs] } : {}),
    args: [...BASE_ARGS, `--disable-features=${[...new Set(merged)].join(',')}`, ...extraArgs],
  };
}
