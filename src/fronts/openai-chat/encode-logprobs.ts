import type { TokenLogprob } from '../../core/model-event.js';
import type { ChatCompletion } from '../../wire/openai-chat.js';

type ChoiceLogprobs = ChatCompletion['choices'][number]['logprobs'];

/** Token log probabilities in OpenAI's shape; null when there are none (not asked for, or the backend has none). */
export function encodeLogprobs(tokens: readonly TokenLogprob[] | undefined): ChoiceLogprobs {
  if (!tokens || tokens.length === 0) return null;
  return {
    content: tokens.map(({ token, logprob, bytes, top }) => ({ token, logprob, bytes, top_logprobs: top.map((alt) => ({ ...alt })) })),
  };
}
