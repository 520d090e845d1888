import { messagesEn, type Messages } from '../locale/messages-en.js';
import { commandLineFlags } from './command-line-flags.js';

/**
 * `--help`: the flags, the variable each sets, and its default as the configuration schema has it (`defaultOf`), in
 * the operator's language (`text`).
 */
export function formatHelp(defaultOf: (variable: string) => unknown, text: Messages['help'] = messagesEn.help): string {
  const rows = [
    ...commandLineFlags.map((flag) => {
      const shown = defaultOf(flag.variable);
      return [`--${flag.name}${flag.value ? ` ${flag.value}` : ''}`, `${flag.variable}=${flag.value ?? 'true'}`, `${text.flags[flag.name]}${text.default(shown === undefined ? text.none : String(shown))}`];
    }),
    ['-h, --help', '', text.help],
    ['-v, --version', '', text.version],
  ];
  const widths = [0, 1].map((column) => Math.max(...rows.map((row) => row[column]!.length)));
  const lines = rows.map((row) => `  ${row[0]!.padEnd(widths[0]!)}  ${row[1]!.padEnd(widths[1]!)}  ${row[2]}`);
  return `${text.usage}\n\n${text.about}\n\n${text.options}\n${lines.join('\n')}\n\n${text.more}\n`;
}
