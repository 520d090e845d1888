#!/usr/bin/env node
// A tiny MCP server over stdio (newline-delimited JSON-RPC), for tests: one tool, `echo_upper`, which answers its
// `text` uppercased and, when MCP_MARKER_FILE is set, appends each call to that file, proof that the CLI ran it.
// Plain JavaScript so the CLI can start it with `node` alone; the MCP handshake is a few lines an SDK would not shorten.
import { appendFileSync } from 'node:fs';
import { createInterface } from 'node:readline';

const tool = {
  name: 'echo_upper',
  description: 'Answers the given text in upper case',
  inputSchema: { type: 'object', properties: { text: { type: 'string' } }, required: ['text'] },
};

function answer({ method, params }) {
  switch (method) {
    case 'initialize':
      return { protocolVersion: params?.protocolVersion ?? '2025-06-18', capabilities: { tools: {} }, serverInfo: { name: 'echo', version: '1.0.0' } };
    case 'tools/list':
      return { tools: [tool] };
    case 'tools/call': {
      const text = String(params?.arguments?.text ?? '');
      if (process.env.MCP_MARKER_FILE) appendFileSync(process.env.MCP_MARKER_FILE, `${JSON.stringify({ name: params?.name, text })}\n`);
      return { content: [{ type: 'text', text: text.toUpperCase() }] };
    }
    default:
      return {};
  }
}

for await (const line of createInterface({ input: process.stdin })) {
  if (line.trim() === '') continue;
  let message;
  try {
    message = JSON.parse(line);
  } catch {
    continue;
  }
  if (message.id === undefined) continue; // notifications need no answer
  process.stdout.write(`${JSON.stringify({ jsonrpc: '2.0', id: message.id, result: answer(message) })}\n`);
}
