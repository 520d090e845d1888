import type { Messages } from '../locale/messages-en.js';

/** A flag of `claude-code-gateway`, and the environment variable it sets. */
export interface CommandLineFlag {
  /** Also its key among the catalog's help texts (messages-en.ts `help.flags`), so every flag has one per language. */
  name: keyof Messages['help']['flags'];
  /** What the flag takes, as the help shows it; none: a switch, which sets the variable to `true`. */
  value?: string;
  variable: string;
}

/** Every flag sets a configuration variable (config.ts), so the two ways of configuring never disagree. */
export const commandLineFlags: readonly CommandLineFlag[] = [
  { name: 'host', value: 'H', variable: 'HOST' },
  { name: 'port', value: 'P', variable: 'PORT' },
  { name: 'config', value: 'FILE', variable: 'CONFIG_FILE' },
  { name: 'demo', variable: 'DEMO' },
];
