/**
 * What demo mode prints once the gateway listens: how to point curl, the OpenAI and Anthropic SDKs and Claude Code
 * at it, with its real address. `needsKey`: API_KEYS is set, so the examples name a placeholder for one.
 */
export function formatDemoUsage(gatewayUrl: string, needsKey: boolean): string {
  // Listening on every interface: this machine reaches it on loopback.
  const url = gatewayUrl.replace(/\/\/(0\.0\.0\.0|\[::\]):/, '//127.0.0.1:');
  const key = needsKey ? '<one of API_KEYS>' : 'demo';
  const auth = needsKey ? ` -H 'authorization: Bearer ${key}'` : '';
  return `
Demo mode: the gateway listens on ${url}
Answers come from a scripted demo model on 127.0.0.1, through the real Claude Code CLI: not from Claude. Nothing
leaves this machine. It echoes your text, calls the first of your tools (then quotes its result), answers a JSON
schema with an instance of it and measures images; every answer starts with [demo model].

curl:
  curl ${url}/v1/chat/completions -H 'content-type: application/json'${auth} \\
    -d '{"model": "sonnet", "messages": [{"role": "user", "content": "Hello!"}]}'

OpenAI SDK (Node):
  import OpenAI from 'openai';
  const client = new OpenAI({ baseURL: '${url}/v1', apiKey: '${key}' });
  const reply = await client.chat.completions.create({ model: 'sonnet', messages: [{ role: 'user', content: 'Hello!' }] });

Anthropic SDK (Node):
  import Anthropic from '@anthropic-ai/sdk';
  const client = new Anthropic({ baseURL: '${url}', apiKey: '${key}' });
  const message = await client.messages.create({ model: 'sonnet', max_tokens: 1024, messages: [{ role: 'user', content: 'Hello!' }] });

Claude Code:
  ANTHROPIC_BASE_URL=${url} ANTHROPIC_AUTH_TOKEN=${key} claude

`;
}
