import { median, ms, runs, type BenchContext } from '../bench-context.js';
import { timeGatewayFirstContent, timeMessagesFirstContent } from '../measure-latency.js';

export const title = 'Time to first content, /v1/messages ÷ /v1/chat/completions (the same request, interleaved)';

// The chat request made equal to the Messages one: the same output limit, and so the same CLI invocation.
const sameAsMessages = { max_tokens: 1024 };

export async function run(ctx: BenchContext): Promise<void> {
  const gateway = await ctx.startGateway();
  try {
    await timeGatewayFirstContent(gateway.url, sameAsMessages);
    await timeMessagesFirstContent(gateway.url);
    const chat: number[] = [];
    const messages: number[] = [];
    for (let i = 0; i < runs; i += 1) {
      // Alternating which goes first, so neither always meets a machine the other just warmed.
      if (i % 2 === 0) {
        chat.push(await timeGatewayFirstContent(gateway.url, sameAsMessages));
        messages.push(await timeMessagesFirstContent(gateway.url));
      } else {
        messages.push(await timeMessagesFirstContent(gateway.url));
        chat.push(await timeGatewayFirstContent(gateway.url, sameAsMessages));
      }
    }
    console.log(
      `   /v1/messages ${ms(median(messages)).padStart(7)}   /v1/chat/completions ${ms(median(chat)).padStart(7)}   ` +
        `ratio of medians ${(median(messages) / median(chat)).toFixed(3)}   median pair ratio ${median(messages.map((v, i) => v / chat[i]!)).toFixed(3)}   (${runs} runs)`,
    );
  } finally {
    gateway.child.kill('SIGTERM');
  }
}
