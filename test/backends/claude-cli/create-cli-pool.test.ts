import { createCliPool } from '../../../src/backends/claude-cli/create-cli-pool.js';
import type { CliProcess, CliSpawnSpec, SpawnCli } from '../../../src/backends/claude-cli/spawn-cli.js';

/** A spawner of stand-in processes: each exits when the test says so, or when its stdin is closed. */
function fakeSpawner() {
  const started: Array<{ spec: CliSpawnSpec; exit: () => void; inputEnded: () => boolean }> = [];
  const spawn: SpawnCli = async (spec) => {
    let exit!: () => void;
    let ended = false;
    const exited = new Promise<{ failure: undefined }>((resolve) => (exit = () => resolve({ failure: undefined })));
    started.push({ spec, exit, inputEnded: () => ended });
    return { exited, endInput: () => ((ended = true), exit()), pid: started.length } as unknown as CliProcess;
  };
  return { spawn, started };
}

const spec = (model: string): CliSpawnSpec => ({ args: ['-p', `--model=${model}`], env: { HOME: '/h' } });
const signal = new AbortController().signal;
const settle = () => new Promise((resolve) => setTimeout(resolve, 10));

describe('the CLI pool', () => {
  test('a miss spawns cold; after that request\'s process exits the pool refills for its key, and the next request is a hit', async () => {
    const fake = fakeSpawner();
    const pool = createCliPool(fake.spawn, { size: 2, idleMs: 60_000 });
    const first = await pool.spawn(spec('sonnet'), signal);
    expect(first.pooled).toBeUndefined();
    expect(fake.started).toHaveLength(1);
    await settle();
    expect(pool.idle).toBe(0); // no refill while the request runs
    fake.started[0]!.exit();
    await settle();
    expect(pool.idle).toBe(2);
    const second = await pool.spawn(spec('sonnet'), signal);
    expect(second.pooled).toBe(true);
    expect(pool.idle).toBe(1);
    expect(fake.started).toHaveLength(3); // nothing new was started for the hit
  });

  test('a request for another key is a miss; the places go to the most used keys', async () => {
    const fake = fakeSpawner();
    const pool = createCliPool(fake.spawn, { size: 2, idleMs: 60_000 });
    for (const model of ['sonnet', 'sonnet', 'haiku']) (await pool.spawn(spec(model), signal)).endInput();
    await settle();
    const waitingFor = fake.started.slice(3).map((s) => s.spec.args[1]);
    expect(waitingFor.sort()).toEqual(['--model=haiku', '--model=sonnet']);
    expect((await pool.spawn(spec('opus'), signal)).pooled).toBeUndefined();
  });

  test('a waiting process that dies is dropped, never handed out', async () => {
    const fake = fakeSpawner();
    const pool = createCliPool(fake.spawn, { size: 1, idleMs: 60_000 });
    (await pool.spawn(spec('sonnet'), signal)).endInput();
    await settle();
    expect(pool.idle).toBe(1);
    fake.started[1]!.exit(); // died while waiting
    await settle();
    expect((await pool.spawn(spec('sonnet'), signal)).pooled).toBeUndefined();
  });

  test('an idle process is recycled: closed, and a fresh one started in its place', async () => {
    const fake = fakeSpawner();
    const pool = createCliPool(fake.spawn, { size: 1, idleMs: 30 });
    (await pool.spawn(spec('sonnet'), signal)).endInput();
    await settle();
    const firstWaiting = fake.started[1]!;
    for (const until = Date.now() + 5000; !firstWaiting.inputEnded() && Date.now() < until; ) await settle();
    await settle();
    expect(firstWaiting.inputEnded()).toBe(true);
    expect(fake.started.length).toBeGreaterThanOrEqual(3);
    expect(pool.idle).toBe(1);
  });

  test('drain closes every waiting process and starts no more; size 0 is no pool', async () => {
    const fake = fakeSpawner();
    const pool = createCliPool(fake.spawn, { size: 2, idleMs: 60_000 });
    (await pool.spawn(spec('sonnet'), signal)).endInput();
    await settle();
    await pool.drain();
    expect(fake.started.slice(1).every((s) => s.inputEnded())).toBe(true);
    expect(pool.idle).toBe(0);
    (await pool.spawn(spec('sonnet'), signal)).endInput();
    await settle();
    expect(pool.idle).toBe(0);
    const off = fakeSpawner();
    const none = createCliPool(off.spawn, { size: 0, idleMs: 60_000 });
    (await none.spawn(spec('sonnet'), signal)).endInput();
    await settle();
    expect(off.started).toHaveLength(1);
  });

  test('prime fills the pool for a key before any request; real use then outranks it', async () => {
    const fake = fakeSpawner();
    const pool = createCliPool(fake.spawn, { size: 1, idleMs: 60_000 });
    pool.prime(spec('sonnet'));
    await settle();
    expect(pool.idle).toBe(1);
    expect((await pool.spawn(spec('sonnet'), signal)).pooled).toBe(true);
    (await pool.spawn(spec('haiku'), signal)).endInput();
    (await pool.spawn(spec('haiku'), signal)).endInput();
    await settle();
    expect(fake.started.at(-1)!.spec.args[1]).toBe('--model=haiku');
  });

  test('no refill while requests leave no room; the first exit once they do refills', async () => {
    const fake = fakeSpawner();
    let room = false;
    const pool = createCliPool(fake.spawn, { size: 1, idleMs: 60_000, hasRoom: () => room });
    (await pool.spawn(spec('sonnet'), signal)).endInput();
    await settle();
    expect(pool.idle).toBe(0);
    room = true;
    (await pool.spawn(spec('sonnet'), signal)).endInput();
    await settle();
    expect(pool.idle).toBe(1);
  });

  test('places follow use in proportion: a key used much more takes both', async () => {
    const fake = fakeSpawner();
    const pool = createCliPool(fake.spawn, { size: 2, idleMs: 60_000 });
    for (const model of ['haiku', 'sonnet', 'sonnet', 'sonnet', 'sonnet']) (await pool.spawn(spec(model), signal)).endInput();
    await settle();
    expect(waitingModels(fake)).toEqual(['--model=sonnet', '--model=sonnet']);
  });

  test('a key much more used than one holding a place takes that place: the primed model makes way for the one in use', async () => {
    const fake = fakeSpawner();
    const pool = createCliPool(fake.spawn, { size: 2, idleMs: 60_000 });
    pool.prime(spec('sonnet'));
    await settle();
    (await pool.spawn(spec('haiku'), signal)).endInput();
    await settle();
    expect(waitingModels(fake)).toEqual(['--model=haiku', '--model=sonnet']);
    expect((await pool.spawn(spec('haiku'), signal)).pooled).toBe(true);
  });

  test('keys used about equally do not trade places (each trade is a start-up for nothing)', async () => {
    const fake = fakeSpawner();
    const pool = createCliPool(fake.spawn, { size: 1, idleMs: 60_000 });
    (await pool.spawn(spec('sonnet'), signal)).endInput();
    await settle();
    (await pool.spawn(spec('haiku'), signal)).endInput();
    await settle();
    expect(waitingModels(fake)).toEqual(['--model=sonnet']);
    expect(fake.started).toHaveLength(3);
  });

  test('a fresh spawn (the retry after a pooled failure) never takes a waiting process', async () => {
    const fake = fakeSpawner();
    const pool = createCliPool(fake.spawn, { size: 1, idleMs: 60_000 });
    pool.prime(spec('sonnet'));
    await settle();
    expect((await pool.spawn(spec('sonnet'), signal, { fresh: true })).pooled).toBeUndefined();
    expect(pool.idle).toBe(1);
  });

  test('a request\'s own settings (forRequest) are not the key, and never reach a process the pool starts', async () => {
    const fake = fakeSpawner();
    const pool = createCliPool(fake.spawn, { size: 1, idleMs: 60_000 });
    const withSettings = { ...spec('sonnet'), forRequest: { args: ['--effort=low'], env: { CLAUDE_CODE_MAX_OUTPUT_TOKENS: '100' } } };
    (await pool.spawn(withSettings, signal)).endInput();
    await settle();
    expect(fake.started[0]!.spec.forRequest).toBeDefined(); // the cold one, started for its request
    expect(fake.started[1]!.spec.forRequest).toBeUndefined();
    expect((await pool.spawn(spec('sonnet'), signal)).pooled).toBe(true);
  });
});

/** The models of the processes whose stdin is open: in these tests, the waiting ones. */
function waitingModels(fake: ReturnType<typeof fakeSpawner>): string[] {
  return fake.started.filter((s) => !s.inputEnded()).map((s) => s.spec.args[1]!).sort();
}
