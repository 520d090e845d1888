import type { ToolPolicy } from '../../src/backends/claude-cli/resolve-tools.js';
import { startGateway } from '../support/start-gateway.js';

/** What the upstream `tools` array holds under each policy: what the model can actually call. */
async function upstreamTools(toolPolicy: ToolPolicy, extra: Record<string, unknown> = {}): Promise<string[]> {
  const gateway = await startGateway({ toolPolicy });
  try {
    await gateway.client.chat.completions.create({ model: 'sonnet', messages: [{ role: 'user', content: 'Hi' }], ...extra });
    return (gateway.upstream.requests.at(-1)!.body.tools ?? []).map((tool) => tool.name).sort();
  } finally {
    await gateway.close();
  }
}

describe('tool policy end to end (real claude CLI)', () => {
  test('web (the default) offers WebSearch and WebFetch only', async () => {
    expect(await upstreamTools({ mode: 'web', allow: [], deny: [] })).toEqual(['WebFetch', 'WebSearch']);
  });

  test('none offers no tools at all', async () => {
    expect(await upstreamTools({ mode: 'none', allow: [], deny: [] })).toEqual([]);
  });

  test('custom offers exactly the allowed tools', async () => {
    expect(await upstreamTools({ mode: 'custom', allow: ['Read', 'Grep'], deny: [] })).toEqual(['Grep', 'Read']);
  });

  test('a request narrows the policy with claude_tools', async () => {
    expect(await upstreamTools({ mode: 'web', allow: [], deny: [] }, { claude_tools: ['WebSearch'] })).toEqual(['WebSearch']);
  });
});
