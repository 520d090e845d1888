/**
 * Serves the fake Anthropic API on its own, for trying the gateway without an account:
 *   npx tsx test/support/serve-fake-anthropic.ts      # prints the URL to use as ANTHROPIC_BASE_URL
 */
import { startFakeAnthropic } from './fake-anthropic.js';

const upstream = await startFakeAnthropic({ kind: 'text', chunks: ['Hello', ' from', ' the fake', ' upstream.'], delayMs: 20 });
process.stdout.write(`${upstream.url}\n`);
process.on('SIGTERM', () => void upstream.close().then(() => process.exit(0)));
