import { measureThroughput } from '../measure-throughput.js';

export const title = 'Decoder + encoder throughput (recorded 2,010-line CLI stream → OpenAI chunks → JSON, one core)';

export async function run(): Promise<void> {
  const fixture = new URL('../../test/fixtures/long-stream.ndjson', import.meta.url);
  await measureThroughput(fixture, 20); // warm-up
  const { events, seconds } = await measureThroughput(fixture, 200);
  console.log(`   ${Math.round(events / seconds).toLocaleString('en-US')} events/s (${events.toLocaleString('en-US')} events in ${seconds.toFixed(2)} s)`);
}
