import { DEFAULT_CHANNEL, isParticipantDataChannel, PARTICIPANT_DATA_CHANNELS, type ParticipantDataChannel } from './channels';
import { ARRAY_JOINER_PATTERN, DEFAULT_MAX_KEY_LENGTH, SEPARATOR_PATTERN } from './keys';
import { RESERVED_ROUTING_KEYS } from './routing-keys';

/**
 * Bot-flow participant-data limits (genesys-api.md §3, [HELP-SPD]): 50 attributes per session, values ≤ 256
 * characters. Lengths are counted in UTF-16 code units, as JavaScript and the Genesys platform count them.
 */
export const DEFAULT_MAX_ATTRIBUTES = PARTICIPANT_DATA_CHANNELS['bot-flow'].maxAttributes;
export const DEFAULT_MAX_VALUE_LENGTH = PARTICIPANT_DATA_CHANNELS['bot-flow'].maxValueLength;
export const DEFAULT_SEPARATOR = '.';
export const DEFAULT_ARRAY_JOINER = ',';

/**
 * How arrays become attributes:
 * - `indexed` (default): one attribute per item, `orders[0].id`, `tags[1]` — lossless, and what flows written
 *   against earlier versions read;
 * - `joined`: an array of plain values becomes one attribute, its items joined with `arrayJoiner` (`tags` = `a,b`);
 *   an array holding objects or arrays stays indexed, since there is nothing to join.
 */
export const ARRAY_MODES = ['indexed', 'joined'] as const;
export type ArrayMode = (typeof ARRAY_MODES)[number];

export interface ParticipantDataOptions {
  /** Whose limits apply (default `bot-flow`); the numeric options below override single limits of it. */
  channel?: ParticipantDataChannel;
  /** Most attributes kept; must leave room for the reserved routing keys. */
  maxAttributes?: number;
  /** Longest value kept, in UTF-16 code units. */
  maxValueLength?: number;
  /** Budget for the sum of UTF-8 bytes of all names and values; the channel's when unset. */
  maxTotalBytes?: number;
  /** Joins nested object keys (default `.`): one to three of `.` `_` `-` `:` `/`. */
  separator?: string;
  /** `indexed` (default) or `joined`; see ARRAY_MODES. */
  arrays?: ArrayMode;
  /** Joins array items in `joined` mode (default `,`, as `Skills`): one to three characters, no control characters. */
  arrayJoiner?: string;
  /** Longest name kept, in UTF-16 code units (default 256); a longer one is cut. */
  maxKeyLength?: number;
}

export interface ResolvedParticipantDataOptions {
  channel: ParticipantDataChannel;
  maxAttributes: number;
  maxValueLength: number;
  maxTotalBytes?: number;
  separator: string;
  arrays: ArrayMode;
  arrayJoiner: string;
  maxKeyLength: number;
}

/** Fills in the channel's limits and the defaults, and rejects options that cannot work with a `RangeError`. */
export function resolveParticipantDataOptions(options: ParticipantDataOptions = {}): ResolvedParticipantDataOptions {
  const channel = options.channel ?? DEFAULT_CHANNEL;
  if (!isParticipantDataChannel(channel)) throw new RangeError(`channel must be one of ${Object.keys(PARTICIPANT_DATA_CHANNELS).join(', ')}, got ${String(channel)}`);
  const limits = PARTICIPANT_DATA_CHANNELS[channel];
  const resolved: ResolvedParticipantDataOptions = {
    channel,
    maxAttributes: options.maxAttributes ?? limits.maxAttributes,
    maxValueLength: options.maxValueLength ?? limits.maxValueLength,
    maxTotalBytes: options.maxTotalBytes ?? limits.maxTotalBytes,
    separator: options.separator ?? DEFAULT_SEPARATOR,
    arrays: options.arrays ?? 'indexed',
    arrayJoiner: options.arrayJoiner ?? DEFAULT_ARRAY_JOINER,
    maxKeyLength: options.maxKeyLength ?? DEFAULT_MAX_KEY_LENGTH,
  };
  requireInteger('maxAttributes', resolved.maxAttributes, RESERVED_ROUTING_KEYS.length);
  requireInteger('maxValueLength', resolved.maxValueLength, 1);
  if (resolved.maxTotalBytes !== undefined) requireInteger('maxTotalBytes', resolved.maxTotalBytes, 1);
  requireInteger('maxKeyLength', resolved.maxKeyLength, 1);
  if (!SEPARATOR_PATTERN.test(resolved.separator)) throw new RangeError(`separator must be one to three of . _ - : /, got ${JSON.stringify(resolved.separator)}`);
  if (!(ARRAY_MODES as readonly string[]).includes(resolved.arrays)) throw new RangeError(`arrays must be indexed or joined, got ${String(resolved.arrays)}`);
  if (!ARRAY_JOINER_PATTERN.test(resolved.arrayJoiner)) {
    throw new RangeError(`arrayJoiner must be one to three characters without control characters, got ${JSON.stringify(resolved.arrayJoiner)}`);
  }
  return resolved;
}

function requireInteger(name: string, value: number, min: number): void {
  if (!Number.isInteger(value) || value < min) {
    throw new RangeError(`${name} must be an integer ≥ ${min}, got ${String(value)}`);
  }
}
