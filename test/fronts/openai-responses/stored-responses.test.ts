import request from 'supertest';
import { createTestApp } from '../../support/create-test-app.js';
import { finishEvent, textBlock, toolCallBlock } from '../../support/events.js';
import { createFakeBackend, type FakeRun } from '../../support/fake-backend.js';
import { storeForEachTest, storeKinds } from '../../support/stores.js';

function setupOn(runs: FakeRun[], options: Parameters<typeof createTestApp>[1]) {
  const fake = createFakeBackend(() => runs.shift() ?? { events: [...textBlock('again'), finishEvent()] });
  return { ...fake, app: createTestApp(fake.backend, options) };
}

describe.each(storeKinds)('stored responses on the %s store', (kind) => {
  const under = storeForEachTest(kind);
  const setup = (runs: FakeRun[], options: Parameters<typeof createTestApp>[1] = {}) => setupOn(runs, { store: under.store, ...options });

  test('previous_response_id continues the stored conversation; instructions are not carried over', async () => {
    const { app, requests } = setup([{ events: [...textBlock('Paris.'), finishEvent()] }, { events: [...textBlock('2M.'), finishEvent()] }]);
    const first = await request(app).post('/v1/responses').send({ input: 'Capital of France?', instructions: 'Be brief.' }).expect(200);
    await request(app).post('/v1/responses').send({ input: 'Population?', previous_response_id: first.body.id }).expect(200);
    expect(requests[1]!.system).toBeUndefined();
    expect(requests[1]!.messages).toEqual([
      { role: 'user', content: [{ type: 'text', text: 'Capital of France?' }] },
      { role: 'assistant', content: [{ type: 'text', text: 'Paris.' }] },
      { role: 'user', content: [{ type: 'text', text: 'Population?' }] },
    ]);
  });

  test('a function call round trip through previous_response_id and function_call_output', async () => {
    const { app, requests } = setup([{ events: [...toolCallBlock('toolu_9', 'weather', ['{"city":"Oslo"}']), finishEvent('tool-calls')] }, { events: [...textBlock('3°C'), finishEvent()] }]);
    const tools = [{ type: 'function', name: 'weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } }];
    const first = await request(app).post('/v1/responses').send({ input: 'Oslo?', tools }).expect(200);
    const call = first.body.output[0];
    await request(app)
      .post('/v1/responses')
      .send({ previous_response_id: first.body.id, tools, input: [{ type: 'function_call_output', call_id: call.call_id, output: '3°C' }] })
      .expect(200);
    expect(requests[1]!.messages.at(-1)).toEqual({
      role: 'user',
      content: [{ type: 'tool-result', toolCallId: 'toolu_9', name: 'weather', content: [{ type: 'text', text: '3°C' }], isError: false }],
    });
  });

  test('GET, input_items (paginated) and DELETE; unknown ids are 404 in the OpenAI shape', async () => {
    const { app } = setup([{ events: [...textBlock('ok'), finishEvent()] }]);
    const input = ['a', 'b', 'c'].map((text) => ({ role: 'user', content: text }));
    const created = await request(app).post('/v1/responses').send({ input, metadata: { team: 'x' } }).expect(200);
    const got = await request(app).get(`/v1/responses/${created.body.id}`).expect(200);
    expect(got.body).toEqual(created.body);
    expect(got.body.metadata).toEqual({ team: 'x' });
    const page = await request(app).get(`/v1/responses/${created.body.id}/input_items?limit=2`).expect(200);
    expect(page.body).toMatchObject({ object: 'list', has_more: true });
    expect(page.body.data.map((item: { content: string }) => item.content)).toEqual(['c', 'b']);
    const rest = await request(app).get(`/v1/responses/${created.body.id}/input_items?limit=2&after=${page.body.last_id}`).expect(200);
    expect(rest.body.data.map((item: { content: string }) => item.content)).toEqual(['a']);
    expect(rest.body.has_more).toBe(false);
    const unknownCursor = await request(app).get(`/v1/responses/${created.body.id}/input_items?after=msg_nope`).expect(400);
    expect(unknownCursor.body.error.param).toBe('after');
    const deleted = await request(app).delete(`/v1/responses/${created.body.id}`).expect(200);
    expect(deleted.body).toEqual({ id: created.body.id, object: 'response.deleted', deleted: true });
    const gone = await request(app).get(`/v1/responses/${created.body.id}`).expect(404);
    expect(gone.body.error).toMatchObject({ type: 'invalid_request_error', code: 'not_found' });
    await request(app).delete(`/v1/responses/${created.body.id}`).expect(404);
    const unknown = await request(app).post('/v1/responses').send({ input: 'x', previous_response_id: 'resp_nope' }).expect(404);
    expect(unknown.body.error.param).toBe('previous_response_id');
  });

  test('store: false keeps nothing', async () => {
    const { app } = setup([{ events: [...textBlock('ok'), finishEvent()] }]);
    const created = await request(app).post('/v1/responses').send({ input: 'x', store: false }).expect(200);
    expect(created.body.store).toBe(false);
    await request(app).get(`/v1/responses/${created.body.id}`).expect(404);
  });

  test("another key's responses are not found, and cannot be continued", async () => {
    const { app } = setup([{ events: [...textBlock('secret'), finishEvent()] }], { apiKeys: ['key-a', 'key-b'] });
    const created = await request(app).post('/v1/responses').set('authorization', 'Bearer key-a').send({ input: 'x' }).expect(200);
    await request(app).get(`/v1/responses/${created.body.id}`).set('authorization', 'Bearer key-a').expect(200);
    await request(app).get(`/v1/responses/${created.body.id}`).set('authorization', 'Bearer key-b').expect(404);
    await request(app).get(`/v1/responses/${created.body.id}/input_items`).set('authorization', 'Bearer key-b').expect(404);
    await request(app).delete(`/v1/responses/${created.body.id}`).set('authorization', 'Bearer key-b').expect(404);
    await request(app).post('/v1/responses').set('authorization', 'Bearer key-b').send({ input: 'y', previous_response_id: created.body.id }).expect(404);
  });
});
