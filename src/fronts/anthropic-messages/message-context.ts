import { nanoid } from 'nanoid';

/** What the message of one response, streamed or not, repeats. */
export interface MessageContext {
  id: string;
  /** The model as the client asked for it. */
  model: string;
  /** The request asked for thinking: thinking blocks are part of the answer. */
  showThinking: boolean;
}

export const createMessageContext = (model: string, showThinking: boolean): MessageContext => ({ id: `msg_${nanoid(24)}`, model, showThinking });
