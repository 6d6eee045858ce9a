import { buildHandoverParameters, type FlatAttributes, type ParticipantDataOptions } from '@genesys-bridge/participant-data';

/** The parts of a handover request that become participant data. */
export interface HandoverAttributeInput {
  queueName?: string;
  skills?: readonly string[];
  language?: string;
  priority?: number;
  /** The bot's `GenesysMetaData`: a JSON object, or a JSON string of one. */
  genesysMetaData?: unknown;
  /** Flat name → value pairs the caller wants as participant data as they are. */
  customAttributes?: Readonly<Record<string, string>>;
  /** Adds the customer's profile fields (see PROFILE_ATTRIBUTE_NAMES). */
  sendProfile?: boolean;
  customer?: Readonly<{ firstName?: string; lastName?: string; nickname?: string; email?: string }>;
}

/** Participant-data names of the customer's profile fields when `sendProfile` is set. */
export const PROFILE_ATTRIBUTE_NAMES = {
  firstName: 'customer.firstName',
  lastName: 'customer.lastName',
  nickname: 'customer.nickname',
  email: 'customer.email',
} as const;

/**
 * The `channel.metadata.customAttributes` of a handover's first message (genesys-api.md §2.4, §3): `QueueName`,
 * `Skills`, `Language`, `Priority` from the routing fields, the flattened `GenesysMetaData`, the profile fields
 * (when asked for) and `customAttributes`, within the participant-data limits, in one pass of
 * `buildHandoverParameters` so the limits, ordering and collision rules are the library's.
 *
 * Precedence, most explicit first: a routing field, then `customAttributes`, then a profile field, then the
 * metadata. Each override of a different value is reported in `warnings`; so is everything the limits change.
 */
export function buildHandoverAttributes(input: HandoverAttributeInput, options: ParticipantDataOptions = {}): FlatAttributes {
  const warnings: string[] = [];
  // No prototype: a name such as "__proto__" is just a name here.
  const merged: Record<string, unknown> = Object.assign(Object.create(null) as Record<string, unknown>, metadataObject(input.genesysMetaData, warnings));
  if (input.sendProfile) {
    for (const [field, name] of Object.entries(PROFILE_ATTRIBUTE_NAMES) as [keyof typeof PROFILE_ATTRIBUTE_NAMES, string][]) {
      const value = input.customer?.[field];
      if (value !== undefined && value.trim() !== '') setExplicit(merged, name, value.trim(), 'the profile field', warnings);
    }
  }
  for (const [name, value] of Object.entries(input.customAttributes ?? {})) setExplicit(merged, name, value, 'customAttributes', warnings);
  const built = buildHandoverParameters(
    { queueName: input.queueName, skills: input.skills, language: input.language, priority: input.priority, metadata: merged },
    options,
  );
  return { attributes: built.attributes, warnings: [...warnings, ...built.warnings] };
}

function setExplicit(merged: Record<string, unknown>, name: string, value: string, source: string, warnings: string[]): void {
  if (Object.prototype.hasOwnProperty.call(merged, name) && merged[name] !== value) {
    warnings.push(`${source} ${JSON.stringify(name)} replaces the value from GenesysMetaData`);
  }
  merged[name] = value;
}

/** `GenesysMetaData` as an object: parsed when it is a JSON string; anything else is ignored with a warning. */
export function metadataObject(metadata: unknown, warnings: string[]): Record<string, unknown> {
  if (metadata === undefined || metadata === null || metadata === '') return {};
  let value: unknown = metadata;
  if (typeof metadata === 'string') {
    try {
      value = JSON.parse(metadata) as unknown;
    } catch {
      warnings.push('GenesysMetaData is a string but not JSON; ignored');
      return {};
    }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    warnings.push(`GenesysMetaData must be a JSON object, got ${Array.isArray(value) ? 'an array' : value === null ? 'null' : typeof value}; ignored`);
    return {};
  }
  return value as Record<string, unknown>;
}
