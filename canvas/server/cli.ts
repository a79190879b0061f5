import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { analyzeCommand } from './commands/analyze';
import { convertCommand } from './commands/convert';
import { reportCommand } from './commands/report';
import { serveCommand } from './commands/serve';
import type { Command, CommandIO } from './commands/types';
import { UsageError } from './commands/types';

/** Every `weavemap` subcommand. Add one by writing commands/<name>.ts and listing it here. */
export const COMMANDS: Record<string, Command> = {
  serve: serveCommand,
  convert: convertCommand,
  report: reportCommand,
  analyze: analyzeCommand,
};

const defaultIO: CommandIO = {
  out: (line) => console.log(line),
  err: (line) => console.error(line),
  env: process.env,
};

function help(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((name) => name.length));
  const lines = Object.entries(COMMANDS).map(
    ([name, command]) => `  ${name.padEnd(width)}  ${command.summary}`,
  );
  return `Usage: weavemap <command> [options]\n\nCommands:\n${lines.join('\n')}\n\nRun weavemap <command> --help for a command's options.`;
}

/** Runs `weavemap <command> ...args`; resolves to the process exit code. */
export async function runCli(argv: readonly string[], io: CommandIO = defaultIO): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.out(help());
    return name === undefined ? 2 : 0;
  }
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!command) {
    io.err(`Unknown command ${JSON.stringify(name)}.\n\n${help()}`);
    return 2;
  }
  if (args.includes('--help') || args.includes('-h')) {
    io.out(command.usage);
    return 0;
  }
  try {
    return await command.run(args, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`${error.message}\n\n${error.usage}`);
      return 2;
    }
    io.err(error instanceof Error ? error.message : String(error));
    return 1;
  }
}

/** True when this module is the process entry point (not imported by a test). */
function isEntryPoint(): boolean {
  const entry = process.argv[1];
  if (!entry) return false;
  try {
    return realpathSync(entry) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isEntryPoint()) {
  process.exitCode = await runCli(process.argv.slice(2));
}
