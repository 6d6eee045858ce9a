/**
 * Tolerant readers for untyped platform JSON. Bot platforms send loosely shaped payloads; the parsers read them
 * through these helpers so a missing or mistyped field yields `undefined` instead of a crash.
 */

export type JsonRecord = Record<string, unknown>;

export function isRecord(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The record at `value[key]`, if it is one. */
export function recordAt(value: unknown, key: string): JsonRecord | undefined {
  if (!isRecord(value)) return undefined;
  const child = value[key];
  return isRecord(child) ? child : undefined;
}

/** The array at `value[key]`, or an empty array. */
export function arrayAt(value: unknown, key: string): unknown[] {
  if (!isRecord(value)) return [];
  const child = value[key];
  return Array.isArray(child) ? child : [];
}

/** A non-empty string at `value[key]` (numbers are stringified, blanks count as missing). */
export function stringAt(value: unknown, key: string): string | undefined {
  if (!isRecord(value)) return undefined;
  const child = value[key];
  if (typeof child === 'number' && Number.isFinite(child)) return String(child);
  return typeof child === 'string' && child.trim() !== '' ? child : undefined;
}

/** The first non-empty string among `keys` of `value`. */
export function firstStringAt(value: unknown, ...keys: string[]): string | undefined {
  for (const key of keys) {
    const found = stringAt(value, key);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** Parses a string that looks like a JSON object or array; anything else (or invalid JSON) gives `undefined`. */
export function parseJsonStructure(text: string): unknown {
  const trimmed = text.trim();
  if (!(trimmed.startsWith('{') || trimmed.startsWith('['))) return undefined;
  try {
    return JSON.parse(trimmed) as unknown;
  } catch {
    return undefined;
  }
}

/** A copy of `value` without its `undefined` properties, so optional fields are absent rather than `undefined`. */
export function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as T;
}
