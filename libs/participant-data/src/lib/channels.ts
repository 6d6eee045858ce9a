/** The ways participant data reaches Genesys; each has its own limits. */
export const PARTICIPANT_DATA_CHANNEL_NAMES = ['bot-flow', 'open-messaging', 'web-messaging'] as const;
export type ParticipantDataChannel = (typeof PARTICIPANT_DATA_CHANNEL_NAMES)[number];

export interface ChannelLimits {
  /** Most attributes kept; the routing keys always are. */
  maxAttributes: number;
  /** Longest value kept, in UTF-16 code units. */
  maxValueLength: number;
  /** Budget for the UTF-8 bytes of all names plus values; `undefined` = none. */
  maxTotalBytes?: number;
}

/**
 * Limits per channel. Only the bot-flow numbers are confirmed by Genesys; the others are the safe choice:
 * - `bot-flow` — `parameters` of a Bot Connector `Complete`, read by the bot flow: 50 attributes per session, values
 *   ≤ 256 characters (genesys-api.md §3 [HELP-SPD]). No byte budget is documented.
 * - `open-messaging` — `channel.metadata.customAttributes` of an inbound Open Messaging message (genesys-api.md §2.4).
 *   Genesys documents no count or size limit for them (UNCONFIRMED, genesys-api.md §2.7, §9 item 2). They become the
 *   customer's participant data (§3), whose only confirmed limits are the bot-flow ones, so those apply; peers.md §5
 *   item 7 says to keep the attributes under 2 KB, so the Web Messaging budget applies too.
 * - `web-messaging` — `message.channel.metadata.customAttributes` of a guest `onMessage`: at most 2048 bytes, else
 *   error 4013 (peers.md §1, §3; genesys-api.md §6). Genesys' transport SDK counts the UTF-8 bytes of every name plus
 *   its value, which is how `maxTotalBytes` counts. The session announces `maxCustomDataBytes`; a caller that knows it
 *   can pass it as `maxTotalBytes`. The count and value limits are the participant-data ones, as for Open Messaging.
 */
export const PARTICIPANT_DATA_CHANNELS: Readonly<Record<ParticipantDataChannel, Readonly<ChannelLimits>>> = Object.freeze({
  'bot-flow': Object.freeze({ maxAttributes: 50, maxValueLength: 256 }),
  'open-messaging': Object.freeze({ maxAttributes: 50, maxValueLength: 256, maxTotalBytes: 2048 }),
  'web-messaging': Object.freeze({ maxAttributes: 50, maxValueLength: 256, maxTotalBytes: 2048 }),
});

/** The channel whose limits apply when none is named: the strictest confirmed one, and the one in use longest. */
export const DEFAULT_CHANNEL: ParticipantDataChannel = 'bot-flow';

export function isParticipantDataChannel(value: unknown): value is ParticipantDataChannel {
  return typeof value === 'string' && (PARTICIPANT_DATA_CHANNEL_NAMES as readonly string[]).includes(value);
}
