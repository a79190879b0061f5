import { access, readFile, writeFile } from 'node:fs/promises';
import { CONVERT_USAGE, runConvert } from '../../../shared/interop/convert-cli';
import type { Command } from './types';

/** `weavemap convert <in> <out> [--format <fmt>] [--to <fmt>]`: between any two formats. */
export const convertCommand: Command = {
  summary: 'Convert a map between formats (chosen by file extension)',
  usage: CONVERT_USAGE,
  run: (args, io) =>
    runConvert(args, {
      readFile: async (path) => new Uint8Array(await readFile(path)),
      writeFile: (path, data) => writeFile(path, data),
      exists: (path) =>
        access(path).then(
          () => true,
          () => false,
        ),
      print: (line) => io.out(line),
      error: (line) => io.err(line),
    }),
};
