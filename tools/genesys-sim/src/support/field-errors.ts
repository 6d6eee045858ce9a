import { GenesysApiError } from './genesys-error';

/** A validation problem and the JSON path of the field it is about (e.g. `replyMessages[0].content[1].contentType`). */
export interface FieldError {
  path: string;
  message: string;
}

/** Collects every problem of a body instead of stopping at the first one. */
export class FieldErrors {
  readonly list: FieldError[] = [];

  add(path: string, message: string): void {
    this.list.push({ path, message });
  }

  get empty(): boolean {
    return this.list.length === 0;
  }

  get paths(): string[] {
    return [...new Set(this.list.map((error) => error.path))];
  }
}

export const joinPath = (base: string, key: string | number): string =>
  typeof key === 'number' ? `${base}[${key}]` : base === '' ? key : `${base}.${key}`;

/** Genesys-style 400: every problem in `message`, one `details` entry per field. */
export function invalidFields(errors: readonly FieldError[]): GenesysApiError {
  const message = errors.map((error) => `${error.path}: ${error.message}`).join('; ');
  return new GenesysApiError(
    400,
    'bad.request',
    message,
    {},
    errors.map((error) => ({ errorCode: 'invalid.value', fieldName: error.path, message: error.message })),
  );
}

/** Characters Genesys calls "displayable": no control characters. */
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]/u;

/** Bot-list style names: 1..max displayable characters, no leading or trailing whitespace. */
export function checkDisplayableName(errors: FieldErrors, value: unknown, path: string, max: number, required: boolean): void {
  if (value === undefined || value === null) {
    if (required) errors.add(path, 'is required');
    return;
  }
  if (typeof value !== 'string') return errors.add(path, 'must be a string');
  if (required && value.length === 0) return errors.add(path, 'must not be empty');
  if ([...value].length > max) errors.add(path, `must be at most ${max} characters`);
  if (value !== value.trim()) errors.add(path, 'must not have leading or trailing whitespace');
  if (CONTROL_CHARACTERS.test(value)) errors.add(path, 'must contain only displayable characters');
}
