import { commandLineFlags } from './command-line-flags.js';

/** `--help`: the flags, the variable each sets, and its default as the configuration schema has it (`defaultOf`). */
export function formatHelp(defaultOf: (variable: string) => unknown): string {
  const rows = [
    ...commandLineFlags.map((flag) => {
      const shown = defaultOf(flag.variable);
      return [`--${flag.name}${flag.value ? ` ${flag.value}` : ''}`, `${flag.variable}=${flag.value ?? 'true'}`, `${flag.help} (default: ${shown === undefined ? 'none' : String(shown)})`];
    }),
    ['-h, --help', '', 'print this help'],
    ['-v, --version', '', 'print the version'],
  ];
  const widths = [0, 1].map((column) => Math.max(...rows.map((row) => row[column]!.length)));
  const lines = rows.map((row) => `  ${row[0]!.padEnd(widths[0]!)}  ${row[1]!.padEnd(widths[1]!)}  ${row[2]}`);
  return `Usage: claude-code-gateway [options]

Serves the OpenAI APIs (chat completions, Responses, embeddings) and the Anthropic Messages API, answered by Claude
through the Claude Code CLI (or by other models a config file adds).

Options (each sets the environment variable beside it, and wins over it):
${lines.join('\n')}

Every other setting is an environment variable, or a line of a .env file in the working directory: see
.env.example and the README.
`;
}
