import { isLoopback } from '../http/is-loopback.js';

interface Situation {
  /** The environment the gateway was started with (for CI). */
  env: NodeJS.ProcessEnv;
  /** Whether stdin and the output the question goes to are a terminal: someone is there to see it and answer. */
  interactive: boolean;
  config: { host: string; apiKeys: readonly string[]; demo: boolean };
}

/** CI=true, CI=1, CI=github…: anything but unset, empty, 0, false, no or off. */
const underCi = (env: NodeJS.ProcessEnv) => env.CI !== undefined && !['', '0', 'false', 'no', 'off'].includes(env.CI.trim().toLowerCase());

/**
 * Whether to ask the person at the terminal to protect the endpoint with a key: only with someone there (TTYs, not
 * CI), no API_KEYS, and on loopback (off it, the configuration already refuses to start without keys). Not in demo
 * mode: its answers come from a scripted model, so there is no account for a key to protect.
 */
export function shouldAskForKey({ env, interactive, config }: Situation): boolean {
  return interactive && !underCi(env) && config.apiKeys.length === 0 && isLoopback(config.host) && !config.demo;
}
