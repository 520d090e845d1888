import type { ModelRequest } from '../../src/core/model-request.js';

/** A one-message text request, with whatever the test overrides. */
export function modelRequest(overrides: Partial<ModelRequest> = {}): ModelRequest {
  return {
    model: 'sonnet',
    system: undefined,
    messages: [{ role: 'user', content: [{ type: 'text', text: 'Say hello.' }] }],
    builtinTools: undefined,
    tools: [],
    toolChoice: { type: 'auto' },
    parallelToolCalls: true,
    responseFormat: { type: 'text' },
    stopSequences: [],
    maxOutputTokens: undefined,
    reasoningEffort: undefined,
    thinking: undefined,
    sampling: {},
    ...overrides,
  };
}
