import { RESERVED_ROUTING_KEYS } from './routing-keys';

/**
 * Bot-flow participant-data limits (genesys-api.md §3, [HELP-SPD]): 50 attributes per session, values ≤ 256
 * characters. Lengths are counted in UTF-16 code units, as JavaScript and the Genesys platform count them.
 */
export const DEFAULT_MAX_ATTRIBUTES = 50;
export const DEFAULT_MAX_VALUE_LENGTH = 256;

export interface ParticipantDataOptions {
  /** Most attributes kept (default 50); must leave room for the reserved routing keys. */
  maxAttributes?: number;
  /** Longest value kept, in UTF-16 code units (default 256). */
  maxValueLength?: number;
  /**
   * Optional budget for the sum of UTF-8 bytes of all names and values; unset by default. peers.md §5 item 7
   * recommends keeping the attributes under 2 KB (`2048`) when they ride on an Open Messaging message.
   */
  maxTotalBytes?: number;
}

export type ResolvedParticipantDataOptions = Required<Omit<ParticipantDataOptions, 'maxTotalBytes'>> &
  Pick<ParticipantDataOptions, 'maxTotalBytes'>;

/** Fills in the defaults and rejects limits that cannot work (non-integers, below 1, fewer slots than reserved keys). */
export function resolveParticipantDataOptions(options: ParticipantDataOptions = {}): ResolvedParticipantDataOptions {
  const resolved = {
    maxAttributes: options.maxAttributes ?? DEFAULT_MAX_ATTRIBUTES,
    maxValueLength: options.maxValueLength ?? DEFAULT_MAX_VALUE_LENGTH,
    maxTotalBytes: options.maxTotalBytes,
  };
  requireInteger('maxAttributes', resolved.maxAttributes, RESERVED_ROUTING_KEYS.length);
  requireInteger('maxValueLength', resolved.maxValueLength, 1);
  if (resolved.maxTotalBytes !== undefined) requireInteger('maxTotalBytes', resolved.maxTotalBytes, 1);
  return resolved;
}

function requireInteger(name: string, value: number, min: number): void {
  if (!Number.isInteger(value) || value < min) {
    throw new RangeError(`${name} must be an integer ≥ ${min}, got ${String(value)}`);
  }
}
