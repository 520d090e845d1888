import { imageSize } from 'image-size';
import type { CountTokens } from '../../core/cut-at-stop-sequences.js';
import type { ContentPart, DocumentPart } from '../../core/model-request.js';
import type { CountTokensRequest } from '../../wire/anthropic-messages.js';
import { decodeConversation } from './decode-messages.js';
import { decodeTools } from './decode-tools.js';

/** Role and framing tokens around each message. */
const perMessage = 4;
/** The system prompt the API adds when tools are offered (Anthropic's tool-use docs: 346 for auto/none). */
const toolUsePreamble = 346;
/** Anthropic resizes images to at most ~1.15 megapixels, about 1,600 tokens (width × height / 750). */
const maxImageTokens = 1600;
/** A PDF page is sent as its text and an image of the page. */
const tokensPerPdfPage = 2000;

/**
 * An estimate of the request's input tokens, as /v1/messages/count_tokens answers it: tiktoken's cl100k_base over
 * the system prompt, each message's text, tool calls and results, and the tool definitions, plus the API's
 * overheads; images by Anthropic's width × height / 750 rule, PDFs by their page count. Claude's own tokenizer is not
 * public, so this is an approximation (English prose counts within some percent; code and other scripts differ more),
 * good for sizing a context, not for billing. Nothing is fetched: an image given by URL counts as the largest size.
 */
export async function countInputTokens(body: CountTokensRequest, count: CountTokens): Promise<number> {
  const images: number[] = [];
  const { system, messages } = decodeConversation(body, (url) => {
    images.push(imageTokens(url));
    return { type: 'image', mediaType: 'image/png', data: '' };
  }, { lenient: true });
  const { tools } = decodeTools(body, { lenient: true });
  let total = system ? await count(system) : 0;
  for (const message of messages) {
    total += perMessage;
    for (const part of message.content) total += await partTokens(part, count);
  }
  if (tools.length > 0) {
    total += toolUsePreamble + (await count(JSON.stringify(tools.map(({ name, description, inputSchema }) => ({ name, description, input_schema: inputSchema })))));
  }
  return total + images.reduce((sum, tokens) => sum + tokens, 0);
}

async function partTokens(part: ContentPart, count: CountTokens): Promise<number> {
  switch (part.type) {
    case 'text':
      return count(part.text);
    case 'image':
      return 0; // counted from its URL or bytes as it was noted
    case 'document':
      return documentTokens(part, count);
    case 'tool-call':
      return (await count(part.name)) + (await count(JSON.stringify(part.input)));
    case 'tool-result': {
      let tokens = 0;
      for (const inner of part.content) tokens += await partTokens(inner, count);
      return tokens;
    }
  }
}

function imageTokens(url: string): number {
  const base64 = /^data:[^;]*;base64,(.*)$/s.exec(url)?.[1];
  if (base64 === undefined) return maxImageTokens;
  try {
    const { width, height } = imageSize(Buffer.from(base64, 'base64'));
    return width && height ? Math.min(maxImageTokens, Math.ceil((width * height) / 750)) : maxImageTokens;
  } catch {
    return maxImageTokens;
  }
}

async function documentTokens({ source }: DocumentPart, count: CountTokens): Promise<number> {
  if (source.type === 'text') return count(source.text);
  if (source.type === 'url') return tokensPerPdfPage;
  const pages = Buffer.from(source.data, 'base64').toString('latin1').match(/\/Type\s*\/Page\b/g)?.length ?? 1;
  return pages * tokensPerPdfPage;
}
