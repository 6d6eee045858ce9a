import {
  buildParticipantData,
  type FlatAttributes,
  type ParticipantDataInput,
  type ParticipantDataOptions,
  type ParticipantProfile,
} from '@genesys-bridge/participant-data';

export { PROFILE_ATTRIBUTE_NAMES } from '@genesys-bridge/participant-data';

/** The parts of a handover request that become participant data. */
export interface HandoverAttributeInput extends Omit<ParticipantDataInput, 'profile'> {
  customer?: Readonly<ParticipantProfile>;
}

/**
 * The `channel.metadata.customAttributes` of a handover's first message (genesys-api.md §2.4, §3): the library's
 * `buildParticipantData` with the `open-messaging` limits, so the metadata service's preview shows exactly what this
 * sends. Precedence (routing field, then `customAttributes`, then profile, then metadata) and every warning are the
 * library's; `options` override single limits.
 */
export function buildHandoverAttributes(input: HandoverAttributeInput, options: ParticipantDataOptions = {}): FlatAttributes {
  const { customer, ...rest } = input;
  const { attributes, warnings } = buildParticipantData({ ...rest, profile: customer }, { channel: 'open-messaging', ...options });
  return { attributes, warnings };
}
