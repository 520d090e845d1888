import type { Express } from 'express';

/** What Express 5's router keeps of each `app.use` / `router.METHOD` (the `router` package's Layer and Route). */
interface Layer {
  rawPath?: unknown;
  route?: { path: unknown; methods: Record<string, boolean> };
  handle: { stack?: Layer[] };
}

/**
 * Every route the app serves, as `METHOD /path` with OpenAPI's `{param}`, read from the app's router stack and the
 * stacks of the routers mounted in it, so a route added anywhere shows up. Middleware (the docs page's files) is not
 * a route. A path OpenAPI cannot name (a RegExp, a wildcard, an optional part) or `app.all` is an error: documenting
 * it takes a decision.
 */
export function listRoutes(app: Express): string[] {
  const found = new Set<string>();
  const walk = (stack: readonly Layer[], prefixes: readonly string[]) => {
    for (const layer of stack) {
      if (layer.route) {
        const methods = Object.keys(layer.route.methods);
        if (methods.includes('_all')) throw new Error(`app.all on ${String(layer.route.path)}: list its methods instead`);
        for (const prefix of prefixes) for (const path of pathsOf(layer.route.path)) for (const method of methods) found.add(`${method.toUpperCase()} ${join(prefix, path)}`);
      } else if (layer.handle.stack) {
        const mounts = pathsOf(layer.rawPath);
        walk(layer.handle.stack, prefixes.flatMap((prefix) => mounts.map((mount) => join(prefix, mount))));
      }
    }
  };
  walk((app as unknown as { router: { stack: Layer[] } }).router.stack, ['']);
  return [...found].sort();
}

function pathsOf(path: unknown): string[] {
  if (Array.isArray(path)) return path.flatMap(pathsOf);
  if (typeof path !== 'string' || /[*?{}()]/.test(path)) throw new Error(`A route path OpenAPI cannot name: ${String(path)}`);
  return [path];
}

/** `/v1/models` + `/:id` → `/v1/models/{id}`; a router's `/` is its mount path itself, and a mount on `/` adds nothing. */
const join = (prefix: string, path: string) => (`${prefix.replace(/\/$/, '')}${path === '/' ? '' : path}` || '/').replace(/:(\w+)/g, '{$1}');
