import { type AttributeEntry, type FlatAttributes } from './attribute-entry';
import { type ResolvedParticipantDataOptions } from './limits';
import { RESERVED_ROUTING_KEYS } from './routing-keys';
import { truncateUtf16, utf8Length } from './truncate';

/**
 * Fits flattened attributes into the Genesys limits (genesys-api.md §3), deterministically:
 * 1. Order: reserved routing keys (`QueueName`, `Skills`, `Language`, `Priority`) first, in that order, then the
 *    others by depth (fewer path segments first: top-level data tends to matter more than deep detail), then by name
 *    in code-unit order. The result's attributes follow this order.
 * 2. Count: the first `maxAttributes` are kept; reserved keys always are. One warning lists the dropped names.
 * 3. Length: a value longer than `maxValueLength` is cut at a surrogate-safe boundary; one warning per cut key.
 * 4. Optional byte budget (`maxTotalBytes`, UTF-8 of names + values): the last non-reserved attributes are dropped
 *    until the rest fits; one warning lists them.
 */
export function applyAttributeLimits(
  entries: readonly AttributeEntry[],
  options: ResolvedParticipantDataOptions,
): FlatAttributes {
  const warnings: string[] = [];
  const ordered = [...entries].sort(compareEntries);
  const reservedCount = ordered.filter((entry) => isReserved(entry.key)).length;
  const kept = ordered.slice(0, Math.max(options.maxAttributes, reservedCount));
  const overCount = ordered.slice(kept.length);
  if (overCount.length > 0) {
    warnings.push(
      `dropped ${overCount.length} attribute(s) beyond maxAttributes=${options.maxAttributes}: ${names(overCount)}`,
    );
  }
  const cut = kept.map((entry) => {
    const value = truncateUtf16(entry.value, options.maxValueLength);
    if (value === entry.value) return entry;
    warnings.push(
      `value of ${JSON.stringify(entry.key)} cut from ${entry.value.length} to ${value.length} characters ` +
        `(maxValueLength=${options.maxValueLength})`,
    );
    return { ...entry, value };
  });
  const fitted = fitByteBudget(cut, options.maxTotalBytes, warnings);
  return { attributes: Object.fromEntries(fitted.map((entry) => [entry.key, entry.value])), warnings };
}

function isReserved(key: string): boolean {
  return RESERVED_ROUTING_KEYS.includes(key);
}

function reservedRank(key: string): number {
  const rank = RESERVED_ROUTING_KEYS.indexOf(key);
  return rank < 0 ? RESERVED_ROUTING_KEYS.length : rank;
}

function compareEntries(a: AttributeEntry, b: AttributeEntry): number {
  return (
    reservedRank(a.key) - reservedRank(b.key) ||
    a.path.length - b.path.length ||
    (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)
  );
}

function fitByteBudget(entries: AttributeEntry[], maxTotalBytes: number | undefined, warnings: string[]): AttributeEntry[] {
  if (maxTotalBytes === undefined) return entries;
  const kept = [...entries];
  const dropped: AttributeEntry[] = [];
  let total = kept.reduce((sum, entry) => sum + utf8Length(entry.key) + utf8Length(entry.value), 0);
  for (let i = kept.length - 1; i >= 0 && total > maxTotalBytes; i--) {
    if (isReserved(kept[i].key)) continue;
    total -= utf8Length(kept[i].key) + utf8Length(kept[i].value);
    dropped.unshift(...kept.splice(i, 1));
  }
  if (dropped.length > 0) {
    warnings.push(`dropped ${dropped.length} attribute(s) beyond maxTotalBytes=${maxTotalBytes}: ${names(dropped)}`);
  }
  return kept;
}

function names(entries: readonly AttributeEntry[]): string {
  return entries.map((entry) => JSON.stringify(entry.key)).join(', ');
}
