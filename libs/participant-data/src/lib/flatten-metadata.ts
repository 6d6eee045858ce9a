import { type AttributeEntry, type FlatAttributes } from './attribute-entry';
import { applyAttributeLimits } from './attribute-limits';
import { type ParticipantDataOptions, resolveParticipantDataOptions } from './limits';

/**
 * Flattens a bot's `GenesysMetaData` into participant data (genesys-api.md §3: string→string only, ≤ 50 attributes,
 * values ≤ 256 characters). Rules (README.md of this lib):
 * - input: any JSON object, or a JSON string of one (Kore passes `JSON.stringify(meta)`, bot-platforms.md §B6);
 *   anything else is ignored with a warning (`null`/`undefined`/`""` silently);
 * - keys: nested objects join with `.` (`customer.tier`), array items get `[i]` (`orders[0].id`, `m[1][0]`);
 * - values: strings as they are (`""` kept), numbers and booleans stringified (`"42"`, `"true"`), `Date` as ISO-8601;
 *   `null`, `undefined`, empty objects/arrays, functions and non-finite numbers are omitted;
 * - collisions (`{"a.b":1,"a":{"b":2}}` both give `a.b`): the path with fewer segments wins — a key written out
 *   literally beats nesting — then the path that sorts first; a warning names both;
 * - limits: see `applyAttributeLimits` (reserved routing keys first, then shallower keys, then by name).
 */
export function flattenMetadata(metadata: unknown, options: ParticipantDataOptions = {}): FlatAttributes {
  const resolved = resolveParticipantDataOptions(options);
  const warnings: string[] = [];
  const entries = flattenToEntries(metadata, warnings);
  const limited = applyAttributeLimits(entries, resolved);
  return { attributes: limited.attributes, warnings: [...warnings, ...limited.warnings] };
}

/** The flattening step alone (no limits): one entry per key, collisions already resolved. */
export function flattenToEntries(metadata: unknown, warnings: string[]): AttributeEntry[] {
  const root = parseRoot(metadata, warnings);
  if (root === undefined) return [];
  const leaves: AttributeEntry[] = [];
  collectLeaves(root, [], '', leaves, new Set(), warnings);
  return resolveCollisions(leaves, warnings);
}

function parseRoot(metadata: unknown, warnings: string[]): Record<string, unknown> | undefined {
  if (metadata === null || metadata === undefined || metadata === '') return undefined;
  let value: unknown = metadata;
  if (typeof metadata === 'string') {
    try {
      value = JSON.parse(metadata) as unknown;
    } catch {
      warnings.push('metadata is a string but not JSON; ignored');
      return undefined;
    }
  }
  if (!isPlainObject(value)) {
    warnings.push(`metadata must be a JSON object, got ${Array.isArray(value) ? 'an array' : typeof value}; ignored`);
    return undefined;
  }
  return value;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

function collectLeaves(
  value: unknown,
  path: string[],
  key: string,
  leaves: AttributeEntry[],
  ancestors: Set<object>,
  warnings: string[],
): void {
  if (Array.isArray(value) || isPlainObject(value)) {
    if (ancestors.has(value)) {
      warnings.push(`circular reference at ${JSON.stringify(key)}; omitted`);
      return;
    }
    ancestors.add(value);
    const children: Array<[string, unknown]> = Array.isArray(value)
      ? value.map((item, index) => [`[${index}]`, item])
      : Object.entries(value);
    for (const [segment, child] of children) {
      const childKey = Array.isArray(value) ? `${key}${segment}` : key === '' ? segment : `${key}.${segment}`;
      collectLeaves(child, [...path, segment], childKey, leaves, ancestors, warnings);
    }
    ancestors.delete(value);
    return;
  }
  if (key === '') {
    warnings.push('an attribute with an empty name was omitted');
    return;
  }
  const text = leafText(value);
  if (text === undefined) {
    if (typeof value === 'number') warnings.push(`value of ${JSON.stringify(key)} is not a finite number; omitted`);
    return;
  }
  leaves.push({ key, value: text, path });
}

function leafText(value: unknown): string | undefined {
  switch (typeof value) {
    case 'string':
      return value;
    case 'number':
      return Number.isFinite(value) ? String(value) : undefined;
    case 'boolean':
    case 'bigint':
      return String(value);
    default:
      return value instanceof Date && !Number.isNaN(value.getTime()) ? value.toISOString() : undefined;
  }
}

/** Orders paths for collisions: fewer segments first, then segment by segment in code-unit order. */
export function comparePaths(a: readonly string[], b: readonly string[]): number {
  if (a.length !== b.length) return a.length - b.length;
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
  }
  return 0;
}

function resolveCollisions(leaves: AttributeEntry[], warnings: string[]): AttributeEntry[] {
  const byKey = new Map<string, AttributeEntry>();
  for (const leaf of leaves) {
    const kept = byKey.get(leaf.key);
    if (kept === undefined) {
      byKey.set(leaf.key, leaf);
      continue;
    }
    const [winner, loser] = comparePaths(leaf.path, kept.path) < 0 ? [leaf, kept] : [kept, leaf];
    byKey.set(leaf.key, winner);
    warnings.push(
      `key collision on ${JSON.stringify(leaf.key)}: kept path ${JSON.stringify(winner.path)}, ` +
        `dropped path ${JSON.stringify(loser.path)}`,
    );
  }
  return [...byKey.values()];
}
