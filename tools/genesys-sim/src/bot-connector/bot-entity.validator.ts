import { isIsoDateTime, isPlainObject } from '../support/field-checks';
import { joinPath, type FieldErrors } from '../support/field-errors';

const BASE_ENTITY_TYPES = ['String', 'Integer', 'Decimal', 'Boolean', 'Duration', 'Datetime', 'Currency'] as const;

/** BotEntityValue.type (PYSDK): the base types and their `…Collection` variants, exact casing. */
export const ENTITY_TYPES: readonly string[] = [...BASE_ENTITY_TYPES, ...BASE_ENTITY_TYPES.map((type) => `${type}Collection`)];

const ISO_DURATION = /^P(?!$)(\d+(\.\d+)?Y)?(\d+(\.\d+)?M)?(\d+(\.\d+)?W)?(\d+(\.\d+)?D)?(T(?=\d)(\d+(\.\d+)?H)?(\d+(\.\d+)?M)?(\d+(\.\d+)?S)?)?$/;

const FORMATS: Record<(typeof BASE_ENTITY_TYPES)[number], { check: (value: string) => boolean; hint: string }> = {
  String: { check: () => true, hint: 'any text' },
  Integer: { check: (value) => /^[+-]?\d+$/.test(value), hint: 'a whole number, e.g. "42"' },
  Decimal: { check: (value) => /^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(value), hint: 'a decimal number, e.g. "42.5"' },
  Boolean: { check: (value) => value === 'true' || value === 'false', hint: '"true" or "false"' },
  Duration: { check: (value) => ISO_DURATION.test(value), hint: 'an ISO-8601 duration, e.g. "PT1H30M"' },
  Datetime: { check: (value) => isIsoDateTime(value), hint: 'an ISO-8601 date-time, e.g. "2023-04-15T14:30:00Z"' },
  Currency: { check: isCurrency, hint: 'escaped JSON {"amount":10.5,"code":"USD"}' },
};

/** `entities[i]`: `{name, type, value}` for simple types, `{name, type, values[]}` for collections; every value is a string. */
export function checkEntity(errors: FieldErrors, entity: unknown, path: string): void {
  if (!isPlainObject(entity)) return errors.add(path, 'must be an object {name, type, value|values}');
  if (typeof entity.name !== 'string' || entity.name === '') errors.add(`${path}.name`, 'is required and must be a non-empty string');
  const type = entity.type;
  if (typeof type !== 'string' || !ENTITY_TYPES.includes(type)) {
    return errors.add(`${path}.type`, `must be one of ${ENTITY_TYPES.join(', ')}`);
  }
  const collection = type.endsWith('Collection');
  const format = FORMATS[type.replace(/Collection$/, '') as keyof typeof FORMATS];
  if (collection) {
    if (!Array.isArray(entity.values)) return errors.add(`${path}.values`, `is required for ${type} and must be an array of strings`);
    entity.values.forEach((value, index) => checkValue(errors, value, joinPath(`${path}.values`, index), format));
    return;
  }
  if (entity.value === undefined || entity.value === null) return errors.add(`${path}.value`, `is required for ${type}`);
  checkValue(errors, entity.value, `${path}.value`, format);
}

function checkValue(errors: FieldErrors, value: unknown, path: string, format: { check: (value: string) => boolean; hint: string }): void {
  if (typeof value !== 'string') return errors.add(path, 'must be a string');
  if (!format.check(value)) errors.add(path, `must be ${format.hint}`);
}

function isCurrency(value: string): boolean {
  try {
    const parsed: unknown = JSON.parse(value);
    return isPlainObject(parsed) && typeof parsed.amount === 'number' && typeof parsed.code === 'string' && /^[A-Z]{3}$/.test(parsed.code);
  } catch {
    return false;
  }
}
