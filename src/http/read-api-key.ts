import type { Request } from 'express';

/**
 * The keys a client sent: `Authorization: Bearer …` (OpenAI SDKs, Claude Code with ANTHROPIC_AUTH_TOKEN) and
 * `x-api-key` (Anthropic SDKs, Claude Code with ANTHROPIC_API_KEY); Claude Code sends both when both are set.
 */
export function readApiKeys(req: Request): string[] {
  const bearer = /^Bearer\s+(.+)$/i.exec(req.get('authorization') ?? '')?.[1]?.trim();
  return [bearer, req.get('x-api-key')?.trim()].filter((key): key is string => Boolean(key));
}
