import { type AttributeEntry, type FlatAttributes, type ParticipantDataResult } from './attribute-entry';
import { newReport, type Report } from './report';
import { applyAttributeLimits } from './attribute-limits';
import { flattenToEntries } from './flatten-metadata';
import { type ParticipantDataOptions, type ResolvedParticipantDataOptions, resolveParticipantDataOptions } from './limits';
import { PRIORITY_MAX, PRIORITY_MIN, ROUTING_KEYS, SKILLS_SEPARATOR } from './routing-keys';

/** The routing part of a bot's handover request (structurally the canonical `HandoverRequest`). */
export interface HandoverRouting {
  queueName?: string;
  skills?: readonly string[];
  language?: string;
  priority?: number;
  /** The bot's `GenesysMetaData`: any JSON object, or a JSON string of one. */
  metadata?: unknown;
}

/**
 * The flat `parameters` map of a Bot Connector `Complete` answer (genesys-api.md §1.3: "output session variables:
 * FLAT string→string only"), which Architect feeds to Find Queue / Find Skill → Transfer to ACD (§4):
 * - `QueueName` = `queueName`, `Language` = `language` (trimmed; omitted when blank);
 * - `Skills` = the non-blank skills joined with "," (a skill containing "," is warned about: Architect would split it);
 * - `Priority` = `priority` rounded to an integer and clamped to −25,000,000…25,000,000, as a string;
 * - plus the flattened metadata (`flattenMetadata` rules). An explicit routing field wins over a metadata key of the
 *   same name (warned when they differ); a metadata routing key without an explicit field is kept as reserved.
 * The whole map obeys the same limits as `flattenMetadata`, with the routing keys always kept.
 */
export function buildHandoverParameters(handover: HandoverRouting, options: ParticipantDataOptions = {}): FlatAttributes {
  const { attributes, warnings } = handoverResult(handover, resolveParticipantDataOptions(options), newReport());
  return { attributes, warnings };
}

/** `buildHandoverParameters` with everything a preview shows (what was dropped or cut, the bytes). */
export function handoverResult(handover: HandoverRouting, options: ResolvedParticipantDataOptions, report: Report): ParticipantDataResult {
  const routing = routingEntries(handover, report.warnings);
  const routingKeys = new Set(routing.map((entry) => entry.key));
  const metadata = flattenToEntries(handover.metadata, options, report).filter((entry) => {
    if (!routingKeys.has(entry.key)) return true;
    const explicit = routing.find((routed) => routed.key === entry.key);
    if (explicit?.value !== entry.value) {
      report.warnings.push(`metadata ${JSON.stringify(entry.key)} replaced by the handover's routing value`);
      report.dropped.push({ key: entry.key, reason: 'overridden', value: entry.value });
    }
    return false;
  });
  return applyAttributeLimits([...routing, ...metadata], options, report);
}

function routingEntries(handover: HandoverRouting, warnings: string[]): AttributeEntry[] {
  const entry = (key: string, value: string | undefined): AttributeEntry[] =>
    value === undefined || value.trim() === '' ? [] : [{ key, value: value.trim(), path: [key] }];
  return [
    ...entry(ROUTING_KEYS.queueName, handover.queueName),
    ...entry(ROUTING_KEYS.skills, skillsValue(handover.skills, warnings)),
    ...entry(ROUTING_KEYS.language, handover.language),
    ...entry(ROUTING_KEYS.priority, priorityValue(handover.priority, warnings)),
  ];
}

function skillsValue(skills: readonly string[] | undefined, warnings: string[]): string | undefined {
  const names = (skills ?? []).map((skill) => skill.trim()).filter((skill) => skill !== '');
  for (const name of names.filter((skill) => skill.includes(SKILLS_SEPARATOR))) {
    warnings.push(`skill ${JSON.stringify(name)} contains "${SKILLS_SEPARATOR}" and will read as several skills`);
  }
  return names.length > 0 ? names.join(SKILLS_SEPARATOR) : undefined;
}

function priorityValue(priority: number | undefined, warnings: string[]): string | undefined {
  if (priority === undefined) return undefined;
  if (!Number.isFinite(priority)) {
    warnings.push(`priority ${String(priority)} is not a finite number; omitted`);
    return undefined;
  }
  const clamped = Math.min(PRIORITY_MAX, Math.max(PRIORITY_MIN, Math.round(priority)));
  if (clamped !== priority) warnings.push(`priority ${priority} sent as ${clamped}`);
  return String(clamped);
}
