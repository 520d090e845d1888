import type { Request } from 'express';

/** The client's key from `Authorization: Bearer …` (OpenAI SDKs) or `x-api-key` (Anthropic SDK). */
export function readApiKey(req: Request): string | undefined {
  const bearer = /^Bearer\s+(.+)$/i.exec(req.get('authorization') ?? '')?.[1]?.trim();
  return bearer || req.get('x-api-key')?.trim() || undefined;
}
