import { RESERVED_ROUTING_KEYS } from './routing-keys';

/**
 * Longest attribute name kept. Genesys documents no limit on names (UNCONFIRMED); this mirrors the value limit, so a
 * name is never longer than the longest value a bot flow may hold.
 */
export const DEFAULT_MAX_KEY_LENGTH = 256;

/** Nested-key separators we accept: characters a sanitised name keeps, so the separator survives sanitising. */
export const SEPARATOR_PATTERN = /^[._:/-]{1,3}$/;

/** Array-item joiners we accept: short, and visible (a control character would break flows and logs alike). */
export const ARRAY_JOINER_PATTERN = /^\P{Cc}{1,3}$/u;

/**
 * What a name may hold. Genesys documents no rule for participant-data names beyond "case-sensitive" (UNCONFIRMED;
 * its own example is `Account Balance`), so we keep what is safe everywhere a name shows up — Architect string
 * literals, the agent's participant-data view, analytics exports, our log lines: letters and digits of any script
 * (with their combining marks), spaces, and `_ . - : / [ ]` (`[ ]` for array indices). Anything else — control and
 * invisible characters, quotes, braces, `$`, emoji — becomes `_`.
 */
const NOT_ALLOWED = /[^\p{L}\p{M}\p{N} _.:/[\]-]/gu;
const WHITESPACE_RUN = /\s+/gu;

/**
 * One segment of a name (an object key), sanitised: every run of whitespace (tabs, newlines, non-breaking spaces)
 * becomes one space, characters outside the allowed set become `_`, and the result is trimmed. Names that differ only
 * in such characters then meet as one name, and the collision rule decides between them.
 */
export function sanitiseSegment(segment: string): string {
  return segment.replace(WHITESPACE_RUN, ' ').replace(NOT_ALLOWED, '_').trim();
}

/**
 * A name that differs from a routing key only in letter case (`queuename`, `QUEUENAME`). Architect reads names
 * case-sensitively (genesys-api.md §3), so such a name never routes: it is kept, but the caller is told.
 */
export function routingKeyLookAlike(key: string): string | undefined {
  const lower = key.toLowerCase();
  return RESERVED_ROUTING_KEYS.find((reserved) => reserved !== key && reserved.toLowerCase() === lower);
}
