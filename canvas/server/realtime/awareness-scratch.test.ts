// The host's patch to Hocuspocus (canvas/server/vendor-patches, applied by `npm install`'s
// postinstall): Hocuspocus checks every presence message on a scratch Y.Doc, and a Y.Doc made
// without a guid draws a uuid from lib0 (32 webcrypto calls, ~160 µs in Node 20). At 1,000 rooms ×
// 5 people that was 42 % of the host's CPU, and edits queued for 20 s behind it.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';

const dist = dirname(createRequire(import.meta.url).resolve('@hocuspocus/server'));

describe("Hocuspocus's scratch document for presence", () => {
  it.each(['hocuspocus-server.esm.js', 'hocuspocus-server.cjs'])(
    'is made with a guid in %s (the patch is applied)',
    (file) => {
      const source = readFileSync(join(dist, file), 'utf8');
      expect(source).toMatch(
        /const scratchDoc = new (Y|yjs)\.Doc\(\{ guid: "weavemap-awareness-scratch" \}\)/,
      );
      expect(source).not.toMatch(/const scratchDoc = new (Y|yjs)\.Doc\(\)/);
    },
  );
});
