import type { Store } from '../../src/core/store.js';
import type { ModelRequest } from '../../src/core/model-request.js';
import { createSessions } from '../../src/sessions/create-sessions.js';
import type { SessionSettings } from '../../src/sessions/sessions.js';
import { createTestApp } from './create-test-app.js';
import { finishEvent, textBlock } from './events.js';
import { createFakeBackend, type FakeRun } from './fake-backend.js';

export const sessionSettings: SessionSettings = { ttlMs: 3_600_000, maxMessages: 200, maxPerOwner: 100, lockMs: 60_000 };

/** A request's messages as `role: text|part type` lines, to compare histories at a glance. */
export const texts = (request: ModelRequest) =>
  request.messages.map((message) => `${message.role}: ${message.content.map((part) => (part.type === 'text' ? part.text : part.type)).join('|')}`);

/** An app with sessions on `store` whose backend plays `runs`, then answers "answer 1", "answer 2", … */
export function sessionApp(store: Store, runs: FakeRun[] = [], overrides: Partial<SessionSettings> = {}, apiKeys: string[] = []) {
  let answer = 0;
  const fake = createFakeBackend(() => runs.shift() ?? { events: [...textBlock(`answer ${++answer}`), finishEvent()] });
  const sessions = createSessions(store, { ...sessionSettings, ...overrides });
  return { ...fake, app: createTestApp(fake.backend, { store, sessions, apiKeys }) };
}
