import { describe, expect, it } from 'vitest';
import { UsageError } from './types';
import { parseServeArgs } from './serve';

describe('serve: several hosts (--redis, --database, --peers)', () => {
  it('reads the cluster from flags or WEAVEMAP_* variables', () => {
    expect(
      parseServeArgs(
        [
          '--redis',
          'redis://127.0.0.1:6379',
          '--database=postgres://wm@127.0.0.1:5432/wm',
          '--peers',
          'http://127.0.0.1:5178/,http://127.0.0.1:5179',
        ],
        {},
      ),
    ).toEqual({
      quiet: false,
      cluster: {
        redisUrl: 'redis://127.0.0.1:6379',
        databaseUrl: 'postgres://wm@127.0.0.1:5432/wm',
      },
      peers: ['http://127.0.0.1:5178', 'http://127.0.0.1:5179'],
    });
    expect(
      parseServeArgs([], {
        WEAVEMAP_REDIS_URL: 'redis://r:6379',
        WEAVEMAP_DATABASE_URL: 'postgresql://p/db',
        WEAVEMAP_PEERS: 'https://a.example.org',
      }),
    ).toEqual({
      quiet: false,
      cluster: { redisUrl: 'redis://r:6379', databaseUrl: 'postgresql://p/db' },
      peers: ['https://a.example.org'],
    });
  });

  it('stays the SQLite host without them, and refuses half a cluster or a bad URL', () => {
    expect(parseServeArgs([], {})).toEqual({ quiet: false });
    expect(() => parseServeArgs(['--redis', 'redis://r'], {})).toThrow(/go together/);
    expect(() => parseServeArgs(['--database', 'postgres://p/db'], {})).toThrow(UsageError);
    expect(() =>
      parseServeArgs(['--redis', 'http://r', '--database', 'postgres://p/db'], {}),
    ).toThrow(/redis:\/\/host:port/);
    // A password in a refused URL is not echoed back.
    expect(() =>
      parseServeArgs(['--redis', 'redis://r', '--database', 'mysql://u:secret@h/db'], {}),
    ).toThrow(/^(?![\s\S]*secret)/);
    expect(() => parseServeArgs(['--peers', 'ftp://x'], {})).toThrow(/--peers/);
  });
});
