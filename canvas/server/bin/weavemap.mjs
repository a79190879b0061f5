#!/usr/bin/env node
// `npx weavemap <command>`: loads canvas/server/cli.ts through tsx in this same process (so
// Ctrl+C reaches the host directly and it can save every open map before exiting).
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import(new URL('../cli.ts', import.meta.url).href);
process.exitCode = await runCli(process.argv.slice(2));
