import bytes from 'bytes';
import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { configVariables } from '../../src/config-schema.js';
import { loadConfig } from '../../src/config.js';
import { isLoopback } from '../../src/http/is-loopback.js';
import { selectCliEnv } from '../../src/select-cli-env.js';

/** docker-compose.yml, deploy/nginx.conf and the Dockerfile, checked against each other and the gateway's config. */
const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');
interface Service {
  profiles?: string[];
  environment?: Record<string, string | null>;
  ports?: string[];
  volumes?: string[];
  healthcheck?: { test: string[] };
  depends_on?: Record<string, { condition: string }>;
  restart?: string;
}
const compose = parse(read('docker-compose.yml'), { merge: true }) as { services: Record<string, Service>; volumes: Record<string, unknown> };
const services = compose.services;
const nginx = read('deploy/nginx.conf');
const dockerfile = read('Dockerfile').replace(/\\\n/g, ' ');
const runtimeStage = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));
const imageEnv = Object.fromEntries([...runtimeStage.matchAll(/^ENV (.+)$/gm)].flatMap(([, pairs]) => pairs!.trim().split(/\s+/).map((pair) => pair.split('='))));
const exposed = Number(/^EXPOSE (\d+)$/m.exec(runtimeStage)?.[1]);
const gateways = ['gateway', 'gateway-redis', 'replica'];
const sampleKeys = 'sample-key-1,sample-key-2';

/** The container's environment: the image's, then the service's; `${API_KEYS:?…}` given a value, empty ones unset. */
function containerEnv(service: Service): Record<string, string> {
  const env: Record<string, string> = { ...imageEnv };
  for (const [name, value] of Object.entries(service.environment ?? {})) {
    if (value === null) continue; // passed from the shell or .env when set there
    if (value.includes('${') && !/^\$\{API_KEYS:\?[^}]+\}$/.test(value)) throw new Error(`${name}: unexpected interpolation ${value}`);
    env[name] = value.startsWith('${API_KEYS') ? sampleKeys : value;
  }
  return env;
}

describe('docker-compose.yml', () => {
  test('each profile has its services, and every service a profile (so the modes never mix)', () => {
    const byProfile = (profile: string) => Object.keys(services).filter((name) => services[name]!.profiles?.includes(profile)).sort();
    expect(byProfile('single')).toEqual(['gateway']);
    expect(byProfile('redis')).toEqual(['gateway-redis', 'redis']);
    expect(byProfile('replicas')).toEqual(['proxy', 'redis', 'replica']);
    for (const [name, service] of Object.entries(services)) expect([name, service.restart]).toEqual([name, 'unless-stopped']);
  });

  test.each(gateways)('%s: every variable it sets is a gateway setting or one the CLI reads', (name) => {
    const unknown = Object.keys(services[name]!.environment!).filter((variable) => !configVariables.includes(variable) && !(variable in selectCliEnv({ [variable]: 'x' })));
    expect(unknown).toEqual([]);
  });

  test.each(gateways)('%s: loadConfig accepts its environment, off loopback and only with API_KEYS', (name) => {
    const env = containerEnv(services[name]!);
    const config = loadConfig(env, join(tmpdir(), 'no-such-env-file'));
    expect(isLoopback(config.host)).toBe(false);
    expect(config.apiKeys).toEqual(sampleKeys.split(','));
    expect(services[name]!.environment!.API_KEYS).toMatch(/^\$\{API_KEYS:\?.+\}$/); // compose refuses to start without it
    expect(() => loadConfig({ ...env, API_KEYS: '' }, join(tmpdir(), 'no-such-env-file'))).toThrow(/API_KEYS/);
    expect(config.redisUrl).toBe(name === 'gateway' ? undefined : 'redis://redis:6379/0');
    expect(config.trustProxy).toBe(name === 'replica' ? 1 : false); // only behind nginx is X-Forwarded-For believed
  });

  test('the gateway port is PORT, the EXPOSEd port and the health check port; only 127.0.0.1 is published', () => {
    const port = loadConfig(containerEnv(services.gateway!), join(tmpdir(), 'no-such-env-file')).port;
    expect(exposed).toBe(port);
    for (const name of gateways) {
      expect(services[name]!.healthcheck!.test.join(' ')).toContain(`http://127.0.0.1:${port}/health`);
      expect(services[name]!.volumes).toContain(`claude-login:${imageEnv.CLAUDE_CONFIG_DIR}`);
    }
    expect(compose.volumes).toHaveProperty('claude-login');
    const published = Object.entries(services).filter(([, service]) => service.ports).map(([name, service]) => [name, service.ports]);
    expect(published).toEqual([['gateway', [`127.0.0.1:${port}:${port}`]], ['gateway-redis', [`127.0.0.1:${port}:${port}`]], ['proxy', [`127.0.0.1:${port}:${port}`]]]);
    expect(runtimeStage).toMatch(/^USER gateway$/m);
    expect(runtimeStage).toMatch(/install -d -m 700 -o gateway -g gateway \/home\/gateway\/\.claude/);
  });

  test('nginx listens on the published port and proxies to every replica on PORT, SSE-friendly', () => {
    const port = Number(imageEnv.PORT);
    expect(services.proxy!.volumes).toContain('./deploy/nginx.conf:/etc/nginx/conf.d/default.conf:ro');
    expect(existsSync(new URL('../../deploy/nginx.conf', import.meta.url))).toBe(true);
    expect(nginx).toMatch(new RegExp(`^\\s*listen ${port};`, 'm'));
    const upstream = /upstream (\w+) \{([^}]*)\}/.exec(nginx)!;
    expect(upstream[2]).toMatch(new RegExp(`^\\s*server replica:${port} resolve;`, 'm'));
    expect(upstream[2]).toMatch(/^\s*keepalive \d+;/m);
    expect(nginx).toContain(`proxy_pass http://${upstream[1]};`);
    for (const line of ['proxy_http_version 1.1;', 'proxy_set_header Connection "";', 'proxy_buffering off;', 'proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;']) {
      expect(nginx).toContain(line);
    }
    const defaults = loadConfig({}, join(tmpdir(), 'no-such-env-file'));
    expect(Number(/proxy_read_timeout (\d+)s;/.exec(nginx)![1]) * 1000).toBeGreaterThan(defaults.requestTimeoutMs);
    expect(Number(/client_max_body_size (\d+)m;/.exec(nginx)![1]) * 1024 * 1024).toBeGreaterThan(bytes.parse(defaults.bodyLimit)!);
    expect(services.proxy!.depends_on).toEqual({ replica: { condition: 'service_healthy' } });
    expect(services.replica!.depends_on).toEqual({ redis: { condition: 'service_healthy' } });
    expect(services.redis!.healthcheck!.test.join(' ')).toContain('redis-cli ping');
  });
});
