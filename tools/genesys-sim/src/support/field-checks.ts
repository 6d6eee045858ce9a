import { badRequest } from './genesys-error';

export type JsonObject = Record<string, unknown>;

export function isPlainObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const ISO_8601_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;

export function isIsoDateTime(value: unknown): value is string {
  return typeof value === 'string' && ISO_8601_DATE_TIME.test(value) && !Number.isNaN(Date.parse(value));
}

export function requireObject(value: unknown, path: string): JsonObject {
  if (!isPlainObject(value)) throw badRequest(`${path} is required and must be an object`);
  return value;
}

export function requireNonEmptyString(value: unknown, path: string): string {
  if (typeof value !== 'string' || value.trim() === '') throw badRequest(`${path} is required and must be a non-empty string`);
  return value;
}

export function optionalString(value: unknown, path: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw badRequest(`${path} must be a string`);
  return value;
}

export function requireOneOf<T extends string>(value: unknown, allowed: readonly T[], path: string): T {
  if (typeof value !== 'string' || !allowed.includes(value as T)) {
    throw badRequest(`${path} must be one of ${allowed.join(', ')}`);
  }
  return value as T;
}

export function requireIsoDateTime(value: unknown, path: string): string {
  if (!isIsoDateTime(value)) throw badRequest(`${path} is required and must be an ISO-8601 date-time`);
  return value;
}

/** A flat string → string map; any other value type is named in the error. */
export function requireStringMap(value: unknown, path: string): Record<string, string> {
  if (!isPlainObject(value)) throw badRequest(`${path} must be an object of string values`);
  for (const [key, entry] of Object.entries(value)) {
    if (typeof entry !== 'string') throw badRequest(`${path}.${key} must be a string (got ${describeType(entry)})`);
  }
  return value as Record<string, string>;
}

export function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}
