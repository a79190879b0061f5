import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { normalizeOrigin, OriginPolicy, parseAllowedOrigins } from './origins';

const req = (headers: Record<string, string>) => ({ headers }) as unknown as IncomingMessage;

describe('OriginPolicy', () => {
  const policy = new OriginPolicy({
    publicUrl: 'https://maps.example.org/',
    allow: ['http://localhost:5173'],
  });
  const check = (origin: string | undefined, host = '10.0.0.5:5178', use = 'app' as const) =>
    policy.check(req({ host, ...(origin === undefined ? {} : { origin }) }), use).ok;

  it('admits no Origin, the Host header’s own origin, the public URL and the allowlist', () => {
    expect(check(undefined)).toBe(true);
    expect(check('http://10.0.0.5:5178')).toBe(true);
    expect(check('https://10.0.0.5:5178')).toBe(true);
    expect(check('HTTP://EXAMPLE.org', 'example.org')).toBe(true);
    expect(check('https://example.org', 'example.org:443')).toBe(true);
    expect(check('https://maps.example.org')).toBe(true);
    expect(check('http://localhost:5173')).toBe(true);
  });

  it('refuses other origins, opaque ones and garbage', () => {
    expect(check('http://10.0.0.5:5179')).toBe(false);
    expect(check('http://evil.example.net')).toBe(false);
    expect(check('null')).toBe(false);
    expect(check('')).toBe(false);
    expect(check('file:///etc/passwd')).toBe(false);
    expect(check('http://10.0.0.5:5178', 'evil host')).toBe(false);
  });

  it('admits browser extensions for clips only', () => {
    const ext = 'chrome-extension://abcdefghijklmnopabcdefghijklmnop';
    expect(check(ext)).toBe(false);
    expect(policy.check(req({ host: 'h', origin: ext }), 'clip').ok).toBe(true);
    expect(policy.check(req({ host: 'h', origin: 'moz-extension://uuid' }), 'clip').ok).toBe(true);
    expect(policy.check(req({ host: 'h', origin: 'https://evil.example' }), 'clip').ok).toBe(false);
  });
});

describe('parseAllowedOrigins', () => {
  it('reads comma-separated origins and refuses paths and non-origins', () => {
    expect(parseAllowedOrigins(['https://A.example.org/, http://b:8080', ''])).toEqual([
      'https://a.example.org',
      'http://b:8080',
    ]);
    expect(() => parseAllowedOrigins(['https://a.example.org/app'])).toThrow(/Not an origin/);
    expect(() => parseAllowedOrigins(['*'])).toThrow(/Not an origin/);
    expect(normalizeOrigin('javascript:alert(1)')).toBeUndefined();
  });
});
