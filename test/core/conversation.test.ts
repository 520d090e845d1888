import { keepLatest } from '../../src/core/conversation.js';
import type { ChatMessage } from '../../src/core/model-request.js';

const ask = (text: string): ChatMessage => ({ role: 'user', content: [{ type: 'text', text }] });
const say = (text: string): ChatMessage => ({ role: 'assistant', content: [{ type: 'text', text }] });
const call = (id: string): ChatMessage => ({ role: 'assistant', content: [{ type: 'tool-call', id, name: 't', input: {} }] });
const result = (id: string): ChatMessage => ({ role: 'user', content: [{ type: 'tool-result', toolCallId: id, name: 't', content: [], isError: false }] });

describe('keepLatest', () => {
  test('keeps everything within the cap', () => {
    const messages = [ask('a'), say('b')];
    expect(keepLatest(messages, 4)).toEqual(messages);
  });

  test('drops whole exchanges from the front, never a tool result without its call', () => {
    const messages = [ask('q1'), call('1'), result('1'), say('a1'), ask('q2'), say('a2')];
    expect(keepLatest(messages, 3)).toEqual([ask('q2'), say('a2')]);
    expect(keepLatest(messages, 5)).toEqual([ask('q2'), say('a2')]);
    expect(keepLatest(messages, 6)).toEqual(messages);
  });

  test('an agent run longer than the cap keeps the question that started it', () => {
    const messages = [ask('old'), say('x'), ask('q'), call('1'), result('1'), call('2'), result('2'), say('done')];
    expect(keepLatest(messages, 6)).toEqual(messages.slice(2));
  });

  test('a long agent run is bounded: the question, then its latest whole steps', () => {
    const steps = Array.from({ length: 10 }, (_, i) => [call(String(i)), result(String(i))]).flat();
    const messages = [ask('q'), ...steps, say('done')];
    expect(keepLatest(messages, 4)).toEqual([ask('q'), call('9'), result('9'), say('done')]);
    expect(keepLatest(messages, 6)).toEqual([ask('q'), call('8'), result('8'), call('9'), result('9'), say('done')]);
    // Too small for a step: the question and the last one are kept.
    expect(keepLatest([ask('q'), ...steps], 2)).toEqual([ask('q'), call('9'), result('9')]);
    for (const max of [3, 5, 7, 9]) {
      const kept = keepLatest(messages, max);
      expect(kept.length).toBeLessThanOrEqual(max);
      expect(kept[0]).toEqual(ask('q'));
      expect(kept[1]!.role).toBe('assistant');
    }
  });
});
