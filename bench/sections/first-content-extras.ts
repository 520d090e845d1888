import { randomBytes } from 'node:crypto';
import { pngBase64 } from '../../test/support/images.js';
import { median, ms, runs, type BenchContext } from '../bench-context.js';
import { timeGatewayFirstContent } from '../measure-latency.js';

export const title = 'Time to first content through the gateway: 5 client tools, and a 300 KB image, vs plain';

export async function run(ctx: BenchContext): Promise<void> {
  const gateway = await ctx.startGateway();
  try {
    const tools = Array.from({ length: 5 }, (_, i) => ({
      type: 'function',
      function: { name: `tool_${i}`, description: `Tool number ${i}`, parameters: { type: 'object', properties: { q: { type: 'string' } }, required: ['q'] } },
    }));
    // A PNG signature and 300 KB of noise: the gateway checks the signature, the fake upstream checks nothing.
    const image = Buffer.concat([Buffer.from(pngBase64, 'base64'), randomBytes(300 * 1024)]).toString('base64');
    const withImage = { messages: [{ role: 'user', content: [{ type: 'text', text: 'Describe it.' }, { type: 'image_url', image_url: { url: `data:image/png;base64,${image}` } }] }] };
    const plain: number[] = [];
    const withTools: number[] = [];
    const imaged: number[] = [];
    for (let i = 0; i < runs; i += 1) {
      plain.push(await timeGatewayFirstContent(gateway.url));
      withTools.push(await timeGatewayFirstContent(gateway.url, { tools }));
      imaged.push(await timeGatewayFirstContent(gateway.url, withImage));
    }
    const added = (name: string, values: number[]) =>
      console.log(
        `   ${name.padEnd(26)} ${ms(median(values)).padStart(7)}   plain ${ms(median(plain)).padStart(7)}   adds ${ms(median(values.map((v, i) => v - plain[i]!))).padStart(6)} (median of pair differences, ${runs} runs)`,
      );
    added('with 5 client tools', withTools);
    added('with a 300 KB image', imaged);
  } finally {
    gateway.child.kill('SIGTERM');
  }
}
