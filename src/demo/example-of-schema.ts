/** A JSON schema, as far as an example needs to read one. */
type Schema = { [keyword: string]: unknown };

const isSchema = (value: unknown): value is Schema => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Values a person would give for a property of this name (the arguments of a weather tool should name a city). */
const plausible: Array<[RegExp, (today: string) => unknown]> = [
  [/^city$/i, () => 'Paris'],
  [/^(location|place|address)$/i, () => 'Paris, France'],
  [/^country$/i, () => 'France'],
  [/^(name|full_?name|author)$/i, () => 'Ada Lovelace'],
  [/e-?mail/i, () => 'ada@example.com'],
  [/^(url|uri|link|website)$/i, () => 'https://example.com/'],
  [/^(date|day)$/i, (today) => today],
  [/^(tz|time_?zone)$/i, () => 'Europe/Paris'],
  [/^(unit|units)$/i, () => 'celsius'],
  [/^(lang|language|locale)$/i, () => 'en'],
  [/^command$/i, () => 'echo "hello from the demo model"'],
  [/^age$/i, () => 36],
];

const byFormat: Record<string, (today: string) => string> = {
  email: () => 'ada@example.com',
  uri: () => 'https://example.com/',
  url: () => 'https://example.com/',
  date: (today) => today,
  'date-time': (today) => `${today}T12:00:00Z`,
  time: () => '12:00:00',
  uuid: () => '00000000-0000-4000-8000-000000000000',
  hostname: () => 'example.com',
  ipv4: () => '192.0.2.1',
};

/**
 * A value valid against `schema` as far as the common keywords go (type, enum, const, properties and required,
 * items, bounds, lengths, formats, local `$ref`s, anyOf/oneOf/allOf), with plausible values where a property's name
 * suggests one. Optional properties are left out. `pattern` is not honoured: a string for it is a guess.
 */
export function exampleOfSchema(schema: unknown, today = new Date().toISOString().slice(0, 10)): unknown {
  return exampleOf(schema, '', { root: schema, today }, 0);
}

interface Context {
  /** The whole schema, which `$ref`s point into. */
  root: unknown;
  today: string;
}

function exampleOf(schema: unknown, name: string, context: Context, depth: number): unknown {
  if (!isSchema(schema) || depth > 12) return 'demo';
  const { root, today } = context;
  const example = (part: unknown, partName = name) => exampleOf(part, partName, context, depth + 1);
  if (typeof schema.$ref === 'string') return example(resolve(root, schema.$ref));
  if ('const' in schema) return schema.const;
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum[0];
  if ('default' in schema) return schema.default;
  if (Array.isArray(schema.examples) && schema.examples.length > 0) return schema.examples[0];
  const choices = [schema.anyOf, schema.oneOf].find(Array.isArray);
  if (choices) return example(choices.find((choice) => !(isSchema(choice) && choice.type === 'null')) ?? choices[0]);
  if (Array.isArray(schema.allOf)) return example(mergeAll(schema, root));
  const types = [schema.type].flat().filter((type): type is string => typeof type === 'string');
  const type = types.find((t) => t !== 'null') ?? types[0] ?? (schema.properties ? 'object' : schema.items ? 'array' : 'string');
  switch (type) {
    case 'object': {
      const properties = isSchema(schema.properties) ? schema.properties : {};
      const required = Array.isArray(schema.required) ? schema.required.filter((key): key is string => typeof key === 'string') : [];
      // None required: all of them, so that the example shows something.
      const wanted = required.length > 0 ? Math.max(required.length, Number(schema.minProperties ?? 0)) : Number(schema.maxProperties ?? Infinity);
      const keys = [...new Set([...required, ...Object.keys(properties)])].slice(0, wanted);
      return Object.fromEntries(keys.map((key) => [key, example(properties[key] ?? {}, key)]));
    }
    case 'array': {
      const count = Math.min(Math.max(Number(schema.minItems ?? 1), 1), Number(schema.maxItems ?? Infinity));
      const prefix = Array.isArray(schema.prefixItems) ? schema.prefixItems : [];
      return Array.from({ length: Math.max(count, prefix.length) }, (_, i) => varied(example(prefix[i] ?? schema.items ?? {}), i));
    }
    case 'integer':
    case 'number':
      return number(schema, type, plausibleFor(name, today));
    case 'boolean':
      return true;
    case 'null':
      return null;
    default:
      return string(schema, name, today);
  }
}

function plausibleFor(name: string, today: string): unknown {
  return plausible.find(([pattern]) => pattern.test(name))?.[1](today);
}

function string(schema: Schema, name: string, today: string): string {
  const guess = plausibleFor(name, today);
  const format = typeof schema.format === 'string' ? byFormat[schema.format] : undefined;
  let value = format ? format(today) : typeof guess === 'string' ? guess : `demo ${name || 'text'}`.trim();
  if (typeof schema.minLength === 'number') value = value.padEnd(schema.minLength, '.');
  if (typeof schema.maxLength === 'number') value = value.slice(0, schema.maxLength).trimEnd().padEnd(Number(schema.minLength ?? 0), '.');
  return value;
}

function number(schema: Schema, type: string, guess: unknown): number {
  const bound = (key: string) => (typeof schema[key] === 'number' ? (schema[key] as number) : undefined);
  const low = bound('minimum') ?? (bound('exclusiveMinimum') !== undefined ? bound('exclusiveMinimum')! + 1 : undefined);
  const high = bound('maximum') ?? (bound('exclusiveMaximum') !== undefined ? bound('exclusiveMaximum')! - 1 : undefined);
  let value = typeof guess === 'number' ? guess : 1;
  if (low !== undefined) value = Math.max(value, low);
  if (high !== undefined) value = Math.min(value, high);
  const step = bound('multipleOf');
  if (step) value = Math.ceil(value / step) * step;
  return type === 'integer' ? Math.ceil(value) : value;
}

/** Items of an array differ, so that `uniqueItems` holds for strings and numbers. */
const varied = (value: unknown, index: number) => (index === 0 ? value : typeof value === 'string' ? `${value} ${index + 1}` : typeof value === 'number' ? value + index : value);

/** `#/$defs/x` and the like, within the schema the tool or format came with. */
function resolve(root: unknown, ref: string): unknown {
  if (!ref.startsWith('#')) return {};
  return ref
    .slice(1)
    .split('/')
    .filter(Boolean)
    .map((part) => decodeURIComponent(part).replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<unknown>((node, part) => (isSchema(node) ? node[part] : undefined), root);
}

/** `allOf` as one schema: the branches' properties and required lists together. */
function mergeAll(schema: Schema, root: unknown): Schema {
  const branches = [{ ...schema, allOf: undefined }, ...(schema.allOf as unknown[])]
    .map((branch) => (isSchema(branch) && typeof branch.$ref === 'string' ? resolve(root, branch.$ref) : branch))
    .filter(isSchema);
  const merged: Schema = Object.assign({}, ...branches);
  merged.properties = Object.assign({}, ...branches.map((branch) => (isSchema(branch.properties) ? branch.properties : {})));
  merged.required = branches.flatMap((branch) => (Array.isArray(branch.required) ? branch.required : []));
  delete merged.allOf;
  delete merged.$ref;
  return merged;
}
