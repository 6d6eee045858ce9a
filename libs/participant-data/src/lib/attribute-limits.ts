import { type AttributeEntry, type ParticipantDataResult } from './attribute-entry';
import { newReport, type Report } from './report';
import { routingKeyLookAlike } from './keys';
import { type ResolvedParticipantDataOptions } from './limits';
import { RESERVED_ROUTING_KEYS } from './routing-keys';
import { truncateUtf16, utf8Length } from './truncate';

/**
 * Fits flattened attributes into the channel's limits (genesys-api.md §3), deterministically:
 * 1. Order: reserved routing keys (`QueueName`, `Skills`, `Language`, `Priority`) first, in that order, then the
 *    others by depth (fewer path segments first: top-level data tends to matter more than deep detail), then by name
 *    in code-unit order. The result's attributes follow this order.
 * 2. Count: the first `maxAttributes` are kept; reserved keys always are. One warning lists the dropped names.
 * 3. Length: a value longer than `maxValueLength` is cut at a surrogate-safe boundary; one warning per cut key.
 * 4. Byte budget (`maxTotalBytes`, UTF-8 of names + values; the channel's, if it has one): the last non-reserved
 *    attributes are dropped until the rest fits; one warning lists them.
 * A name that differs from a routing key only in case is kept and warned about first: it would never route.
 */
export function applyAttributeLimits(
  entries: readonly AttributeEntry[],
  options: ResolvedParticipantDataOptions,
  report: Report = newReport(),
): ParticipantDataResult {
  const { warnings } = report;
  const ordered = [...entries].sort(compareEntries);
  for (const entry of ordered) {
    const routingKey = routingKeyLookAlike(entry.key);
    if (routingKey) warnings.push(`${JSON.stringify(entry.key)} is not the routing key "${routingKey}": names are case-sensitive`);
  }
  const reservedCount = ordered.filter((entry) => isReserved(entry.key)).length;
  const kept = ordered.slice(0, Math.max(options.maxAttributes, reservedCount));
  const overCount = ordered.slice(kept.length);
  if (overCount.length > 0) {
    warnings.push(`dropped ${overCount.length} attribute(s) beyond maxAttributes=${options.maxAttributes}: ${names(overCount)}`);
    report.dropped.push(...overCount.map((entry) => ({ key: entry.key, reason: 'maxAttributes' as const, value: entry.value })));
  }
  const cut = kept.map((entry) => {
    const value = truncateUtf16(entry.value, options.maxValueLength);
    if (value === entry.value) return entry;
    warnings.push(
      `value of ${JSON.stringify(entry.key)} cut from ${entry.value.length} to ${value.length} characters ` +
        `(maxValueLength=${options.maxValueLength})`,
    );
    report.truncated.push({ key: entry.key, from: entry.value.length, to: value.length });
    return { ...entry, value };
  });
  const fitted = fitByteBudget(cut, options.maxTotalBytes, report);
  return {
    attributes: Object.fromEntries(fitted.map((entry) => [entry.key, entry.value])),
    warnings,
    dropped: report.dropped,
    truncated: report.truncated,
    bytes: totalBytes(fitted),
  };
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

function entryBytes(entry: AttributeEntry): number {
  return utf8Length(entry.key) + utf8Length(entry.value);
}

function totalBytes(entries: readonly AttributeEntry[]): number {
  return entries.reduce((sum, entry) => sum + entryBytes(entry), 0);
}

function fitByteBudget(entries: AttributeEntry[], maxTotalBytes: number | undefined, report: Report): AttributeEntry[] {
  if (maxTotalBytes === undefined) return entries;
  const kept = [...entries];
  const dropped: AttributeEntry[] = [];
  let total = totalBytes(kept);
  for (let i = kept.length - 1; i >= 0 && total > maxTotalBytes; i--) {
    if (isReserved(kept[i].key)) continue;
    total -= entryBytes(kept[i]);
    dropped.unshift(...kept.splice(i, 1));
  }
  if (dropped.length > 0) {
    report.warnings.push(`dropped ${dropped.length} attribute(s) beyond maxTotalBytes=${maxTotalBytes}: ${names(dropped)}`);
    report.dropped.push(...dropped.map((entry) => ({ key: entry.key, reason: 'maxTotalBytes' as const, value: entry.value })));
  }
  if (total > maxTotalBytes) {
    report.warnings.push(`the routing keys alone take ${total} bytes, more than maxTotalBytes=${maxTotalBytes}; Genesys may refuse them`);
  }
  return kept;
}

function names(entries: readonly AttributeEntry[]): string {
  return entries.map((entry) => JSON.stringify(entry.key)).join(', ');
}
