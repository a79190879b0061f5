import { networkInterfaces } from 'node:os';

/** True for the "every interface" addresses a LAN workshop binds to. */
export const isWildcardHost = (host: string): boolean =>
  host === '0.0.0.0' || host === '::' || host === '';

/** `http://<address>:<port>/` for every external IPv4 address of this machine. */
export function lanUrls(port: number): string[] {
  const urls: string[] = [];
  for (const addresses of Object.values(networkInterfaces())) {
    for (const address of addresses ?? []) {
      if (address.family === 'IPv4' && !address.internal)
        urls.push(`http://${address.address}:${port}/`);
    }
  }
  return urls;
}

/** The URL for a host and port, bracketing IPv6 literals. */
export const httpUrl = (host: string, port: number): string =>
  `http://${host.includes(':') ? `[${host}]` : host}:${port}/`;
