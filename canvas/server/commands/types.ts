/** Where a command writes and which environment it reads. */
export interface CommandIO {
  out(line: string): void;
  err(line: string): void;
  env: NodeJS.ProcessEnv;
}

/** One `weavemap <name>` subcommand. `run` resolves to the exit code. */
export interface Command {
  /** One line for `weavemap --help`. */
  summary: string;
  /** Printed for `weavemap <name> --help` and after a usage error. */
  usage: string;
  run(args: string[], io: CommandIO): Promise<number>;
}

/** A mistake in the command line: printed with the usage, exit code 2. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly usage: string,
  ) {
    super(message);
  }
}
