/** A flag of `claude-code-gateway`, and the environment variable it sets. */
export interface CommandLineFlag {
  name: string;
  /** What the flag takes, as the help shows it; none: a switch, which sets the variable to `true`. */
  value?: string;
  variable: string;
  help: string;
}

/** Every flag sets a configuration variable (config.ts), so the two ways of configuring never disagree. */
export const commandLineFlags: readonly CommandLineFlag[] = [
  { name: 'host', value: 'H', variable: 'HOST', help: 'the interface to listen on; anything but loopback needs API_KEYS' },
  { name: 'port', value: 'P', variable: 'PORT', help: 'the port to listen on; 0 picks a free one' },
  { name: 'config', value: 'FILE', variable: 'CONFIG_FILE', help: 'a YAML or JSON file of providers, models and routing rules' },
  { name: 'demo', variable: 'DEMO', help: 'answer from a scripted demo model on 127.0.0.1, through the real CLI: no account, nothing leaves the machine' },
];
