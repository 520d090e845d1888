#!/usr/bin/env node
/** `claude-code-gateway` (package.json `bin`): the gateway, configured by flags over the environment. */
import { createRequire } from 'node:module';
import { formatHelp } from './command-line/format-help.js';
import { parseCommandLine, UsageError, type Command } from './command-line/parse-command-line.js';
import { configDefault } from './config-schema.js';
import { readLocale } from './config.js';
import { createProgress } from './create-progress.js';
import { createMessages } from './locale/create-messages.js';

let command: Command;
try {
  command = parseCommandLine(process.argv.slice(2));
} catch (error) {
  if (!(error instanceof UsageError)) throw error;
  process.stderr.write(`claude-code-gateway: ${error.message}\n${createMessages(readLocale(process.env)).cli.usageHint}\n`);
  process.exit(2);
}

switch (command.kind) {
  case 'help':
    process.stdout.write(formatHelp(configDefault, createMessages(readLocale(process.env)).help));
    break;
  case 'version':
    // dist/cli.js and src/cli.ts both sit one level below package.json.
    process.stdout.write(`${(createRequire(import.meta.url)('../package.json') as { version: string }).version}\n`);
    break;
  case 'serve': {
    // Loaded only to serve: --help and --version answer at once, without the server's modules.
    const { startGateway } = await import('./start-gateway.js');
    const env = { ...process.env, ...command.env };
    const words = createMessages(readLocale(env)).progress;
    await startGateway(env, { progress: createProgress(process.stderr, undefined, words) });
    break;
  }
}
