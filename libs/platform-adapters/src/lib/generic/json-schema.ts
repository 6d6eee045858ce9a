import { isRecord } from '../json-values';

/**
 * The subset of JSON Schema / OpenAPI 3.0 Schema Objects that the generic webhook contract uses, and a validator for
 * it. The published description and the validation are the same object, so they cannot drift apart.
 */
export type JsonSchema =
  | { type: 'string'; description?: string; format?: 'uri'; enum?: readonly string[]; minLength?: number }
  | { type: 'number' | 'integer' | 'boolean'; description?: string }
  | { type: 'array'; description?: string; items: JsonSchema }
  | {
      type: 'object';
      description?: string;
      properties?: Readonly<Record<string, JsonSchema>>;
      required?: readonly string[];
      /** `false`: unknown keys are errors; a schema: every extra value must match it; `true` or absent: anything goes. */
      additionalProperties?: boolean | JsonSchema;
    }
  /** A union of object schemas told apart by a property whose `enum` holds one value per branch. */
  | { description?: string; oneOf: readonly JsonSchema[]; discriminator: { propertyName: string } };

const MAX_ERRORS = 20;

/** Every way `value` breaks `schema`, as `<field path> <problem>` (e.g. `outputs[2].options[0].payload must be a string`). */
export function validateJson(value: unknown, schema: JsonSchema, rootName: string): string[] {
  const errors: string[] = [];
  check(value, schema, '', rootName, errors);
  return errors.slice(0, MAX_ERRORS);
}

function check(value: unknown, schema: JsonSchema, path: string, rootName: string, errors: string[]): void {
  if (errors.length >= MAX_ERRORS) return;
  const at = path || rootName;
  if ('oneOf' in schema) return checkUnion(value, schema, path, rootName, errors);
  switch (schema.type) {
    case 'string':
      if (typeof value !== 'string') errors.push(`${at} must be a string`);
      else if (schema.enum && !schema.enum.includes(value)) errors.push(`${at} must be one of ${schema.enum.map((v) => `"${v}"`).join(', ')}`);
      else if (schema.minLength && value.length < schema.minLength) errors.push(`${at} must not be empty`);
      else if (schema.format === 'uri' && !isAbsoluteUrl(value)) errors.push(`${at} must be an absolute URL`);
      return;
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) errors.push(`${at} must be a number`);
      return;
    case 'integer':
      if (!Number.isInteger(value)) errors.push(`${at} must be an integer`);
      return;
    case 'boolean':
      if (typeof value !== 'boolean') errors.push(`${at} must be a boolean`);
      return;
    case 'array':
      if (!Array.isArray(value)) errors.push(`${at} must be an array`);
      else value.forEach((item, index) => check(item, schema.items, `${path}[${index}]`, rootName, errors));
      return;
    case 'object':
      return checkObject(value, schema, path, rootName, errors);
  }
}

function checkObject(
  value: unknown,
  schema: Extract<JsonSchema, { type: 'object' }>,
  path: string,
  rootName: string,
  errors: string[],
): void {
  if (!isRecord(value)) {
    errors.push(`${path || rootName} must be an object`);
    return;
  }
  const properties = schema.properties ?? {};
  for (const key of schema.required ?? []) {
    if (value[key] === undefined) errors.push(`${join(path, key)} is required`);
  }
  for (const [key, item] of Object.entries(value)) {
    if (item === undefined) continue;
    const known = properties[key];
    if (known) check(item, known, join(path, key), rootName, errors);
    else if (schema.additionalProperties === false) errors.push(`${join(path, key)} is not allowed`);
    else if (typeof schema.additionalProperties === 'object') check(item, schema.additionalProperties, join(path, key), rootName, errors);
  }
}

function checkUnion(
  value: unknown,
  schema: Extract<JsonSchema, { oneOf: readonly JsonSchema[] }>,
  path: string,
  rootName: string,
  errors: string[],
): void {
  if (!isRecord(value)) {
    errors.push(`${path || rootName} must be an object`);
    return;
  }
  const { propertyName } = schema.discriminator;
  const tags = schema.oneOf.map((branch) => discriminatorValue(branch, propertyName));
  const branch = schema.oneOf[tags.indexOf(value[propertyName] as string)];
  if (typeof value[propertyName] !== 'string' || !branch) {
    errors.push(`${join(path, propertyName)} must be one of ${tags.map((tag) => `"${tag}"`).join(', ')}`);
    return;
  }
  check(value, branch, path, rootName, errors);
}

function discriminatorValue(branch: JsonSchema, propertyName: string): string | undefined {
  if (!('type' in branch) || branch.type !== 'object') return undefined;
  const tag = branch.properties?.[propertyName];
  return tag && 'type' in tag && tag.type === 'string' ? tag.enum?.[0] : undefined;
}

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

function isAbsoluteUrl(value: string): boolean {
  try {
    new URL(value);
    return true;
  } catch {
    return false;
  }
}
