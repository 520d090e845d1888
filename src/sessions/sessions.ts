import type { Conversation } from '../core/conversation.js';

export interface SessionSettings {
  /** A session expires this long after its last use. */
  ttlMs: number;
  /** Messages kept per session: older exchanges are dropped first. */
  maxMessages: number;
  /** Sessions one key may hold at once. */
  maxPerOwner: number;
  /** How long one request may hold a session (a lock that outlives a crashed replica expires). */
  lockMs: number;
}

export interface SessionRecord extends Conversation {
  id: string;
  createdAt: number;
  lastUsedAt: number;
}

export interface SessionSummary {
  id: string;
  messages: number;
  createdAt: number;
  lastUsedAt: number;
}

/** One request's hold on a session: the history to prepend, then the whole new conversation or nothing. */
export interface SessionTurn {
  history: Conversation;
  /** Saves the conversation and lets the session go. */
  commit(conversation: Conversation): Promise<void>;
  /** Lets the session go unchanged (after a commit, nothing). */
  release(): Promise<void>;
}

export interface Sessions {
  readonly settings: SessionSettings;
  create(owner: string): Promise<SessionSummary>;
  list(owner: string): Promise<SessionSummary[]>;
  get(owner: string, id: string): Promise<SessionRecord | undefined>;
  remove(owner: string, id: string): Promise<boolean>;
  clear(owner: string, id: string): Promise<boolean>;
  /** Holds the session (made if new) for one request; a 409 while another request holds it. */
  begin(owner: string, id: string): Promise<SessionTurn>;
}
