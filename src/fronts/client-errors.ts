import { z } from 'zod';
import type { EncodeError } from '../http/front.js';
import { anthropicErrorSchema } from '../wire/anthropic-messages-response.js';
import { openAiErrorSchema } from '../wire/openai-chat.js';
import { anthropicErrors } from './anthropic-messages/encode-error.js';
import { openAiErrors } from './openai-error.js';

/**
 * For routes both protocols use (GET /v1/models, an unknown path): Anthropic's shape for clients that say they speak
 * it — the API requires every request to carry `anthropic-version`, and the SDKs and Claude Code always send it —
 * OpenAI's otherwise.
 */
export const clientErrors: EncodeError = (error, req) => (req.get('anthropic-version') ? anthropicErrors : openAiErrors)(error, req);

export const clientErrorSchema = z
  .union([openAiErrorSchema, anthropicErrorSchema])
  .meta({ id: 'ClientError', description: "Anthropic's shape for a request carrying `anthropic-version`, OpenAI's otherwise." });
