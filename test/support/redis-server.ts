import { execa, type ResultPromise } from 'execa';
import { connect, createServer } from 'node:net';

/** A real redis-server of the test's own on 127.0.0.1 (nothing saved to disk), which it may stop and start again. */
export interface RedisUnderTest {
  url: string;
  stop(): Promise<void>;
  start(): Promise<void>;
}

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

export async function startRedis(): Promise<RedisUnderTest> {
  const port = await freePort();
  const url = `redis://127.0.0.1:${port}`;
  let server: ResultPromise | undefined;
  /** A PING on a plain socket (a failed ioredis connect holds the event loop open for a while). */
  const answers = () =>
    new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.setTimeout(1000, () => socket.destroy());
      socket.once('connect', () => socket.write('PING\r\n'));
      socket.once('data', (data) => (resolve(data.toString().startsWith('+PONG')), socket.end()));
      socket.once('close', () => resolve(false));
      socket.once('error', () => resolve(false));
    });
  const start = async () => {
    server = execa('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { reject: false, stdio: 'ignore' });
    for (const until = Date.now() + 10_000; !(await answers()); await new Promise((resolve) => setTimeout(resolve, 50))) {
      if (Date.now() > until) throw new Error(`redis-server did not start on port ${port}`);
    }
  };
  const stop = async () => {
    server?.kill('SIGKILL');
    await server;
    server = undefined;
  };
  await start();
  return { url, start, stop };
}

/** Whether this machine has redis-server (CI installs it: .ci/run); a developer without it skips the Redis suites. */
export const redisInstalled = await execa('redis-server', ['--version'], { reject: false }).then((result) => result.exitCode === 0);
if (!redisInstalled && process.env.CI) throw new Error('redis-server is not installed; .ci/run installs it (apt-get install redis-server)');
