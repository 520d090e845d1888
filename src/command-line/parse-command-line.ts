import { parseArgs } from 'node:util';
import { commandLineFlags } from './command-line-flags.js';

export type Command =
  | { kind: 'help' }
  | { kind: 'version' }
  /** Serve, with the variables the flags set (they win over the environment's). */
  | { kind: 'serve'; env: Record<string, string> };

/** The command line is wrong: say so and exit with code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

const options = {
  ...Object.fromEntries(commandLineFlags.map((flag) => [flag.name, { type: flag.value === undefined ? ('boolean' as const) : ('string' as const) }])),
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

export function parseCommandLine(args: readonly string[]): Command {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({ args: [...args], options, strict: true, allowPositionals: false }));
  } catch (error) {
    throw new UsageError(describe(error));
  }
  if (values.help) return { kind: 'help' };
  if (values.version) return { kind: 'version' };
  const env: Record<string, string> = {};
  for (const flag of commandLineFlags) {
    const value = values[flag.name];
    if (value !== undefined && value !== false) env[flag.variable] = String(value);
  }
  return { kind: 'serve', env };
}

/** parseArgs' own messages suggest `--` for positionals starting with a dash, which this command takes none of. */
function describe(error: unknown): string {
  const { code, message } = error as { code?: string; message?: string };
  const quoted = /'([^']+)'/.exec(message ?? '')?.[1];
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return `unknown option '${quoted}'`;
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') return `unexpected argument '${quoted}': every setting is a flag or an environment variable`;
  return String(message);
}
