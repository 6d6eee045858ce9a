import { type AttributeEntry, type FlatAttributes } from './attribute-entry';
import { newReport, type Report } from './report';
import { applyAttributeLimits } from './attribute-limits';
import { sanitiseSegment } from './keys';
import { type ParticipantDataOptions, type ResolvedParticipantDataOptions, resolveParticipantDataOptions } from './limits';
import { truncateUtf16 } from './truncate';

/**
 * Flattens a bot's `GenesysMetaData` into participant data (genesys-api.md §3: string→string only, ≤ 50 attributes,
 * values ≤ 256 characters). Rules (README.md of this lib):
 * - input: any JSON object, or a JSON string of one (Kore passes `JSON.stringify(meta)`, bot-platforms.md §B6);
 *   anything else is ignored with a warning (`null`/`undefined`/`""` silently);
 * - keys: nested objects join with the separator (`.`: `customer.tier`); array items get `[i]` (`orders[0].id`,
 *   `m[1][0]`), or, with `arrays: 'joined'`, an array of plain values becomes one attribute (`tags` = `a,b`);
 *   each key segment is sanitised (see `sanitiseSegment`), and a name longer than `maxKeyLength` is cut;
 * - values: strings as they are (`""` kept), numbers and booleans stringified (`"42"`, `"true"`), `Date` as ISO-8601;
 *   `null`, `undefined`, empty objects/arrays, functions and non-finite numbers are omitted;
 * - collisions (`{"a.b":1,"a":{"b":2}}` both give `a.b`): the path with fewer segments wins — a key written out
 *   literally beats nesting — then the path that sorts first; a warning names both;
 * - limits: see `applyAttributeLimits` (reserved routing keys first, then shallower keys, then by name).
 */
export function flattenMetadata(metadata: unknown, options: ParticipantDataOptions = {}): FlatAttributes {
  const resolved = resolveParticipantDataOptions(options);
  const report = newReport();
  const entries = flattenToEntries(metadata, resolved, report);
  const { attributes, warnings } = applyAttributeLimits(entries, resolved, report);
  return { attributes, warnings };
}

/** The flattening step alone (no limits): one entry per key, collisions already resolved. */
export function flattenToEntries(metadata: unknown, options: ResolvedParticipantDataOptions, report: Report): AttributeEntry[] {
  const root = parseMetadata(metadata, report.warnings, 'metadata');
  if (root === undefined) return [];
  const leaves: AttributeEntry[] = [];
  collectLeaves(root, { path: [], key: '', rawKey: '' }, { options, report, leaves, ancestors: new Set() });
  return resolveCollisions(leaves, report);
}

/**
 * The metadata as an object: parsed when it is a JSON string; `null`, `undefined` and `""` mean none; anything else
 * is ignored with a warning that calls it `label`.
 */
export function parseMetadata(metadata: unknown, warnings: string[], label: string): Record<string, unknown> | undefined {
  if (metadata === null || metadata === undefined || metadata === '') return undefined;
  let value: unknown = metadata;
  if (typeof metadata === 'string') {
    try {
      value = JSON.parse(metadata) as unknown;
    } catch {
      warnings.push(`${label} is a string but not JSON; ignored`);
      return undefined;
    }
  }
  if (!isPlainObject(value)) {
    const kind = Array.isArray(value) ? 'an array' : value === null ? 'null' : typeof value;
    warnings.push(`${label} must be a JSON object, got ${kind}; ignored`);
    return undefined;
  }
  return value;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

interface Position {
  /** Raw segments: object keys as given, `[i]` for array items. */
  path: string[];
  /** The name so far, from sanitised segments. */
  key: string;
  /** The name so far, from raw segments (for warnings about sanitising). */
  rawKey: string;
}

interface Walk {
  options: ResolvedParticipantDataOptions;
  report: Report;
  leaves: AttributeEntry[];
  ancestors: Set<object>;
}

function collectLeaves(value: unknown, at: Position, walk: Walk): void {
  if (Array.isArray(value) && walk.options.arrays === 'joined' && value.every((item) => !Array.isArray(item) && !isPlainObject(item))) {
    addLeaf(joinItems(value, at, walk), at, walk);
    return;
  }
  if (Array.isArray(value) || isPlainObject(value)) {
    if (walk.ancestors.has(value)) {
      walk.report.warnings.push(`circular reference at ${JSON.stringify(at.key)}; omitted`);
      walk.report.dropped.push({ key: at.key, reason: 'invalid-value' });
      return;
    }
    walk.ancestors.add(value);
    for (const [segment, child] of Object.entries(value)) collectLeaves(child, childPosition(value, segment, at, walk.options.separator), walk);
    walk.ancestors.delete(value);
    return;
  }
  const text = leafText(value);
  if (text === undefined) {
    if (typeof value === 'number') {
      walk.report.warnings.push(`value of ${JSON.stringify(at.key)} is not a finite number; omitted`);
      walk.report.dropped.push({ key: at.key, reason: 'invalid-value' });
    }
    return;
  }
  addLeaf(text, at, walk);
}

function childPosition(parent: object, segment: string, at: Position, separator: string): Position {
  if (Array.isArray(parent)) {
    const index = `[${segment}]`;
    return { path: [...at.path, index], key: `${at.key}${index}`, rawKey: `${at.rawKey}${index}` };
  }
  const clean = sanitiseSegment(segment);
  return {
    path: [...at.path, segment],
    key: at.key === '' ? clean : `${at.key}${separator}${clean}`,
    rawKey: at.rawKey === '' ? segment : `${at.rawKey}${separator}${segment}`,
  };
}

/** `joined` mode: the plain items' texts joined; nothing-values skipped, non-finite numbers skipped with a warning. */
function joinItems(items: readonly unknown[], at: Position, walk: Walk): string | undefined {
  const { arrayJoiner } = walk.options;
  const texts: string[] = [];
  items.forEach((item, index) => {
    const text = leafText(item);
    if (text === undefined) {
      if (typeof item === 'number') walk.report.warnings.push(`item ${index} of ${JSON.stringify(at.key)} is not a finite number; omitted`);
      return;
    }
    if (text.includes(arrayJoiner)) {
      walk.report.warnings.push(`item ${index} of ${JSON.stringify(at.key)} contains ${JSON.stringify(arrayJoiner)} and will read as several items`);
    }
    texts.push(text);
  });
  return texts.length > 0 ? texts.join(arrayJoiner) : undefined;
}

function addLeaf(text: string | undefined, at: Position, walk: Walk): void {
  if (text === undefined) return;
  const { report, options } = walk;
  if (at.key === '') {
    report.warnings.push(at.rawKey === '' ? 'an attribute with an empty name was omitted' : `name ${JSON.stringify(at.rawKey)} is empty once sanitised; omitted`);
    report.dropped.push({ key: at.rawKey, reason: 'empty-name', value: text });
    return;
  }
  if (at.key !== at.rawKey) report.warnings.push(`name ${JSON.stringify(at.rawKey)} sanitised to ${JSON.stringify(at.key)}`);
  const key = truncateUtf16(at.key, options.maxKeyLength);
  if (key !== at.key) report.warnings.push(`name ${JSON.stringify(at.key)} cut to ${key.length} characters (maxKeyLength=${options.maxKeyLength})`);
  walk.leaves.push({ key, value: text, path: at.path });
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

function resolveCollisions(leaves: AttributeEntry[], report: Report): AttributeEntry[] {
  const byKey = new Map<string, AttributeEntry>();
  for (const leaf of leaves) {
    const kept = byKey.get(leaf.key);
    if (kept === undefined) {
      byKey.set(leaf.key, leaf);
      continue;
    }
    const [winner, loser] = comparePaths(leaf.path, kept.path) < 0 ? [leaf, kept] : [kept, leaf];
    byKey.set(leaf.key, winner);
    report.warnings.push(
      `key collision on ${JSON.stringify(leaf.key)}: kept path ${JSON.stringify(winner.path)}, ` +
        `dropped path ${JSON.stringify(loser.path)}`,
    );
    report.dropped.push({ key: loser.key, reason: 'collision', value: loser.value });
  }
  return [...byKey.values()];
}
