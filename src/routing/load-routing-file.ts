import { readFile } from 'node:fs/promises';
import { parse as parseYaml } from 'yaml';

import { routingFileSchema, type RoutingFile } from './routing-file-schema.js';

/** A config file that cannot be used; the message names the file and the field. */
export class RoutingFileError extends Error {
  override name = 'RoutingFileError';
}

/**
 * Reads, parses (JSON for `.json`, YAML otherwise — YAML is a superset), fills in `${VAR}` from `env` and validates
 * the config file. A variable that is not set is an error, not an empty string: a key would silently be missing.
 */
export async function loadRoutingFile(path: string, env: Readonly<Record<string, string | undefined>>): Promise<RoutingFile> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new RoutingFileError(`CONFIG_FILE ${path}: cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  let raw: unknown;
  try {
    raw = path.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    throw new RoutingFileError(`CONFIG_FILE ${path}: not valid ${path.endsWith('.json') ? 'JSON' : 'YAML'}: ${(error as Error).message.split('\n')[0]}`);
  }
  const filled = substitute(raw ?? {}, env, [], path);
  const parsed = routingFileSchema.safeParse(filled);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new RoutingFileError(`CONFIG_FILE ${path}: ${fieldPath(issue.path)}: ${issue.message}`);
  }
  return parsed.data;
}

const variable = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

function substitute(value: unknown, env: Readonly<Record<string, string | undefined>>, path: PropertyKey[], file: string): unknown {
  if (typeof value === 'string') {
    return value.replace(variable, (_match, name: string) => {
      const set = env[name];
      if (set === undefined) throw new RoutingFileError(`CONFIG_FILE ${file}: ${fieldPath(path)}: the environment variable ${name} is not set`);
      return set;
    });
  }
  if (Array.isArray(value)) return value.map((item, i) => substitute(item, env, [...path, i], file));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, substitute(item, env, [...path, key], file)]));
  }
  return value;
}

function fieldPath(path: readonly PropertyKey[]): string {
  return path.length === 0 ? '(the file)' : path.map((key, i) => (typeof key === 'number' ? `[${key}]` : i === 0 ? String(key) : `.${String(key)}`)).join('');
}

