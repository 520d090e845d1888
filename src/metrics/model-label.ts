import type { ModelRouter } from '../routing/create-model-router.js';

/**
 * A model name as a metric label: a name GET /v1/models lists (the configured models, aliases and Claude's family
 * names) stays itself; anything else a client may send — a full Claude id, a typo — is `other`, so no client can
 * grow a label without bound. Read through the router each time, so a reloaded config file counts at once.
 */
export function modelLabel(router: Pick<ModelRouter, 'list'>): (name: string | undefined) => string {
  return (name) => (name === undefined ? 'none' : router.list().some((info) => info.id === name) ? name : 'other');
}
