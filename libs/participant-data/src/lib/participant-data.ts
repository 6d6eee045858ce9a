import { type ParticipantDataResult } from './attribute-entry';
import { newReport, type Report } from './report';
import { parseMetadata } from './flatten-metadata';
import { handoverResult } from './handover-parameters';
import { type ParticipantDataOptions, resolveParticipantDataOptions } from './limits';

/** The customer's profile as a bot platform or the handover request knows it. */
export interface ParticipantProfile {
  firstName?: string;
  lastName?: string;
  nickname?: string;
  email?: string;
}

/** Everything of a handover that can become participant data. */
export interface ParticipantDataInput {
  queueName?: string;
  skills?: readonly string[];
  language?: string;
  priority?: number;
  /** The bot's `GenesysMetaData`: a JSON object, or a JSON string of one. */
  genesysMetaData?: unknown;
  /** Flat name → value pairs the caller wants as participant data as they are (names are still sanitised). */
  customAttributes?: Readonly<Record<string, string>>;
  /** Adds the profile fields (see PROFILE_ATTRIBUTE_NAMES); Cognigy calls this "Send profile information". */
  sendProfile?: boolean;
  profile?: Readonly<ParticipantProfile>;
}

/** Participant-data names of the customer's profile fields when `sendProfile` is set. */
export const PROFILE_ATTRIBUTE_NAMES = Object.freeze({
  firstName: 'customer.firstName',
  lastName: 'customer.lastName',
  nickname: 'customer.nickname',
  email: 'customer.email',
} as const);

/**
 * Participant data for a channel (`options.channel`, default `bot-flow`): `QueueName`, `Skills`, `Language`,
 * `Priority` from the routing fields, the flattened `GenesysMetaData`, the profile fields (with `sendProfile`) and
 * `customAttributes`, in one pass of the handover rules so the limits, ordering and collision rules are the same
 * everywhere — the handover gateway sends exactly this, and the preview endpoint shows it.
 *
 * Precedence, most explicit first: a routing field, then `customAttributes`, then a profile field, then the
 * metadata. Each override of a different value is reported in `warnings` and `dropped`; so is everything the limits
 * change. Profile and custom names replace a top-level metadata key of the same name; they beat a nested path that
 * flattens to the same name by the collision rule (fewer segments win).
 */
export function buildParticipantData(input: ParticipantDataInput, options: ParticipantDataOptions = {}): ParticipantDataResult {
  const resolved = resolveParticipantDataOptions(options);
  const report = newReport();
  // No prototype: a name such as "__proto__" is just a name here.
  const merged: Record<string, unknown> = Object.assign(Object.create(null) as Record<string, unknown>, parseMetadata(input.genesysMetaData, report.warnings, 'GenesysMetaData'));
  const sources = new Map<string, string>();
  if (input.sendProfile) {
    for (const [field, name] of Object.entries(PROFILE_ATTRIBUTE_NAMES) as [keyof ParticipantProfile, string][]) {
      const value = input.profile?.[field];
      if (typeof value === 'string' && value.trim() !== '') setExplicit(merged, sources, name, value.trim(), 'the profile field', report);
    }
  }
  for (const [name, value] of Object.entries(input.customAttributes ?? {})) setExplicit(merged, sources, name, value, 'customAttributes', report);
  return handoverResult(
    { queueName: input.queueName, skills: input.skills, language: input.language, priority: input.priority, metadata: merged },
    resolved,
    report,
  );
}

function setExplicit(merged: Record<string, unknown>, sources: Map<string, string>, name: string, value: string, source: string, report: Report): void {
  if (Object.prototype.hasOwnProperty.call(merged, name) && merged[name] !== value) {
    report.warnings.push(`${source} ${JSON.stringify(name)} replaces the value from ${sources.get(name) ?? 'GenesysMetaData'}`);
    const previous = merged[name];
    report.dropped.push({ key: name, reason: 'overridden', ...(typeof previous === 'string' ? { value: previous } : {}) });
  }
  merged[name] = value;
  sources.set(name, source);
}
