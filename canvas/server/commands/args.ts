import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './types';

type Options = NonNullable<ParseArgsConfig['options']>;

export interface ParsedArgs {
  /** Each option given: a string, `true` for a flag, or a list for a `multiple` option. */
  readonly values: Record<string, string | boolean | (string | boolean)[] | undefined>;
  readonly positionals: string[];
}

/**
 * Node's `util.parseArgs` (strict: unknown options are refused; `--name value` and
 * `--name=value` both work), with its errors turned into a `UsageError` carrying the command's
 * usage, and empty values refused ("--out needs a value").
 */
export function parseCommandArgs(
  args: readonly string[],
  options: Options,
  usage: string,
): ParsedArgs {
  let parsed: ParsedArgs;
  try {
    parsed = parseArgs({ args: [...args], options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(describe(error, options), usage);
  }
  for (const [name, value] of Object.entries(parsed.values)) {
    const values = Array.isArray(value) ? value : [value];
    if (values.some((v) => v === '')) throw new UsageError(`--${name} needs a value.`, usage);
  }
  return parsed;
}

/** A sentence for a parseArgs error, naming the option as the person typed it. */
function describe(error: unknown, options: Options): string {
  const code = (error as { code?: string }).code;
  const message = error instanceof Error ? error.message : String(error);
  const named = /'(-[^' ]+)/.exec(message)?.[1];
  const option = named?.replace(/^(--?[^=]+).*$/, '$1');
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && option)
    return `Unknown option ${JSON.stringify(option)}.`;
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && option) {
    const name = option.replace(/^-+/, '');
    if (options[name]?.type === 'boolean') return `--${name} takes no value.`;
    if (/argument missing/.test(message)) return `--${name} needs a value.`;
    return `--${name} needs a value (write --${name}=VALUE for a value that starts with "-").`;
  }
  return message;
}
