import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { locateCli, type CliLocation } from './backends/claude-cli/locate-cli.js';
import { prepareSandbox } from './backends/claude-cli/prepare-sandbox.js';
import { ConfigError, loadConfig, type Config } from './config.js';
import type { Progress } from './create-progress.js';
import { startDemo } from './demo/start-demo.js';
import { protectWithKey } from './key-prompt/protect-with-key.js';
import { createMessages } from './locale/create-messages.js';
import type { Messages } from './locale/messages-en.js';
import type { Terminal } from './process-terminal.js';

export interface PreparedStart {
  config: Config;
  cli: CliLocation;
  /** The operator's language. */
  text: Messages;
  /** The key the person at the terminal asked for, which this run requires. */
  generatedKey: string | undefined;
}

/**
 * What start-up settles before it builds anything: the configuration (a bad one ends the process with exit code 1,
 * after saying why), the CLI, the sandbox, the key question, and demo mode's upstream.
 */
export async function prepareStart(env: NodeJS.ProcessEnv, { progress, terminal }: { progress: Progress; terminal: Terminal }): Promise<PreparedStart> {
  let config;
  let cli;
  try {
    config = loadConfig(env);
    const mcpCopy = config.toolPolicy.mcp?.path;
    // copy-mcp-config made that directory for the copy alone.
    if (mcpCopy !== undefined) process.on('exit', () => rmSync(dirname(mcpCopy), { recursive: true, force: true }));
    cli = locateCli(config.cliPath, config.cliEnv.PATH);
    prepareSandbox(config.sandboxDir);
  } catch (error) {
    process.stderr.write(`claude-code-gateway: ${error instanceof ConfigError ? error.message : String(error)}\n`);
    process.exit(1);
  }
  const text = createMessages(config.locale);
  const generatedKey = await protectWithKey(config, { env, terminal, text: text.keyPrompt });
  if (generatedKey !== undefined) config = { ...config, apiKeys: [generatedKey] };
  if (config.demo) {
    const demo = await startDemo(config.cliEnv, progress, text.progress.demoUpstream);
    process.on('exit', demo.cleanUp);
    config = { ...config, cliEnv: demo.cliEnv };
  }
  return { config, cli, text, generatedKey };
}
