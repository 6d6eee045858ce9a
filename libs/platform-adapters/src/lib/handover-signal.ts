import { type HandoverRequest } from '@genesys-bridge/content-conversion';
import { type JsonRecord, nonEmptyString, recordOrJsonRecord } from './json-values';

/**
 * Reads the routing hints a bot attaches to a handover request, in the shape both Cognigy flows and Kore bots use:
 * `{QueueName|queueName, skills, language, priority, GenesysMetaData, reason}`.
 * - `skills`: an array of strings or one comma-separated string.
 * - `priority`: a number or a numeric string.
 * - `GenesysMetaData`: an object or a JSON string holding an object (Kore and Cognigy Custom Attributes send both).
 * A field with an unusable value is left out and noted in `warnings`; the handover itself always stands.
 */
export function parseHandoverPayload(raw: JsonRecord, warnings: string[], source: string): HandoverRequest {
  const handover: HandoverRequest = {};
  const queueName = nonEmptyString(pick(raw, 'QueueName', 'queueName'));
  if (queueName) handover.queueName = queueName;
  const skills = readSkills(pick(raw, 'skills', 'Skills'), warnings, source);
  if (skills) handover.skills = skills;
  const language = nonEmptyString(pick(raw, 'language', 'Language'));
  if (language) handover.language = language;
  const priority = readPriority(pick(raw, 'priority', 'Priority'), warnings, source);
  if (priority !== undefined) handover.priority = priority;
  const metadata = readMetadata(pick(raw, 'GenesysMetaData', 'genesysMetaData'), warnings, source);
  if (metadata) handover.metadata = metadata;
  const reason = nonEmptyString(pick(raw, 'reason', 'Reason'));
  if (reason) handover.reason = reason;
  return handover;
}

function pick(raw: JsonRecord, ...keys: string[]): unknown {
  for (const key of keys) if (raw[key] !== undefined && raw[key] !== null) return raw[key];
  return undefined;
}

function readSkills(value: unknown, warnings: string[], source: string): string[] | undefined {
  if (value === undefined) return undefined;
  const items = typeof value === 'string' ? value.split(',') : Array.isArray(value) ? value : undefined;
  if (!items) {
    warnings.push(`${source}: handover skills must be an array of strings or a comma-separated string; ignored`);
    return undefined;
  }
  const skills = items.map(nonEmptyString).filter((skill): skill is string => skill !== undefined);
  if (skills.length < items.filter((item) => typeof item !== 'string' || item.trim()).length) {
    warnings.push(`${source}: handover skills that are not strings were ignored`);
  }
  return skills.length ? skills : undefined;
}

function readPriority(value: unknown, warnings: string[], source: string): number | undefined {
  if (value === undefined || (typeof value === 'string' && !value.trim())) return undefined;
  const priority = typeof value === 'string' ? Number(value.trim()) : value;
  if (typeof priority === 'number' && Number.isFinite(priority)) return priority;
  warnings.push(`${source}: handover priority is not a number; ignored`);
  return undefined;
}

function readMetadata(value: unknown, warnings: string[], source: string): Record<string, unknown> | undefined {
  if (value === undefined || value === '') return undefined;
  const metadata = recordOrJsonRecord(value);
  if (!metadata) warnings.push(`${source}: GenesysMetaData is neither an object nor a JSON object string; ignored`);
  return metadata;
}
