import { DEFAULT_MAX_KEY_LENGTH } from '@genesys-bridge/participant-data';
import { type FieldProblem, MAX_BODY_DEPTH } from '@genesys-bridge/service-runtime';

/**
 * Bounds of a preview request. The library cuts and drops whatever a bot sends at runtime (a live handover must never
 * fail over a long note); a preview is asked for by a person building a flow, so input that is certainly a mistake is
 * refused with its path instead — and the service is not made to flatten megabytes for a page that shows 50 values.
 */
/** 40 × the longest value Genesys keeps (256): room to see the cut, not to upload documents. */
export const MAX_PREVIEW_VALUE_LENGTH = 10_000;
/** 20 × the attribute limit (50): room to see what the limits drop. */
export const MAX_PREVIEW_VALUES = 1_000;
/** As the handover API (`MAX_CUSTOM_ATTRIBUTES` there). */
export const MAX_PREVIEW_CUSTOM_ATTRIBUTES = 200;
/** A request with more problems than this gets the first ones: enough to fix, bounded to answer. */
export const MAX_REPORTED_PROBLEMS = 50;

const CONTROL_CHARACTER = /\p{Cc}/u;
/** Path segments printed as `.name`; anything else is printed as `["…"]` so the path stays unambiguous. */
const PLAIN_SEGMENT = /^[\p{L}\p{N}_$-]+$/u;

/**
 * What class-validator cannot see: the names and values inside `genesysMetaData` (an object, or a JSON string of one)
 * and `customAttributes`, each reported at its own path (`genesysMetaData.customer["first name\n"]`,
 * `customAttributes.caseId`). A name is refused when it is empty or blank, holds a control character or is longer than
 * 256 characters; other unusual characters are the library's to sanitise, and the preview shows the result.
 */
export function previewInputProblems(body: unknown): FieldProblem[] {
  if (!isObject(body)) return [];
  const problems: FieldProblem[] = [];
  const metadata = metadataObject(body['genesysMetaData']);
  if (metadata) metadataProblems(metadata, problems);
  if (isObject(body['customAttributes'])) customAttributeProblems(body['customAttributes'], problems);
  return problems.slice(0, MAX_REPORTED_PROBLEMS);
}

function metadataProblems(root: Record<string, unknown>, problems: FieldProblem[]): void {
  // Iterative: a JSON string is not depth-checked by the body pipe, and recursion could overflow on it.
  const stack: { value: unknown; path: string; depth: number }[] = [{ value: root, path: 'genesysMetaData', depth: 1 }];
  let values = 0;
  while (stack.length > 0 && problems.length < MAX_REPORTED_PROBLEMS) {
    const { value, path, depth } = stack.pop() as { value: unknown; path: string; depth: number };
    if (Array.isArray(value) || isObject(value)) {
      if (depth > MAX_BODY_DEPTH) {
        problems.push({ path, problems: [`nested deeper than ${MAX_BODY_DEPTH} levels`] });
        continue;
      }
      const children = Object.entries(value).map(([name, child]) => {
        const childPath = Array.isArray(value) ? `${path}.${name}` : pathOf(path, name);
        if (!Array.isArray(value)) addNameProblems(name, childPath, problems);
        return { value: child, path: childPath, depth: depth + 1 };
      });
      stack.push(...children.reverse()); // popped in document order
      continue;
    }
    values += 1;
    if (values === MAX_PREVIEW_VALUES + 1) problems.push({ path: 'genesysMetaData', problems: [`holds more than ${MAX_PREVIEW_VALUES} values`] });
    if (typeof value === 'string' && value.length > MAX_PREVIEW_VALUE_LENGTH) problems.push({ path, problems: [tooLong()] });
  }
}

function customAttributeProblems(attributes: Record<string, unknown>, problems: FieldProblem[]): void {
  const entries = Object.entries(attributes);
  if (entries.length > MAX_PREVIEW_CUSTOM_ATTRIBUTES) {
    problems.push({ path: 'customAttributes', problems: [`holds more than ${MAX_PREVIEW_CUSTOM_ATTRIBUTES} names`] });
    return;
  }
  for (const [name, value] of entries) {
    const path = pathOf('customAttributes', name);
    addNameProblems(name, path, problems);
    if (typeof value !== 'string') problems.push({ path, problems: ['must be a string'] });
    else if (value.length > MAX_PREVIEW_VALUE_LENGTH) problems.push({ path, problems: [tooLong()] });
  }
}

function addNameProblems(name: string, path: string, problems: FieldProblem[]): void {
  const found: string[] = [];
  if (name.trim() === '') found.push('name must not be empty or blank');
  if (CONTROL_CHARACTER.test(name)) found.push('name must not contain control characters');
  if (name.length > DEFAULT_MAX_KEY_LENGTH) found.push(`name must be at most ${DEFAULT_MAX_KEY_LENGTH} characters`);
  if (found.length > 0) problems.push({ path, problems: found });
}

/** The metadata as an object, when it is one or a JSON string of one (the DTO reports every other shape). */
function metadataObject(value: unknown): Record<string, unknown> | undefined {
  if (isObject(value)) return value;
  if (typeof value !== 'string' || value === '') return undefined;
  try {
    const parsed: unknown = JSON.parse(value);
    return isObject(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

function pathOf(parent: string, name: string): string {
  return PLAIN_SEGMENT.test(name) ? `${parent}.${name}` : `${parent}[${JSON.stringify(name)}]`;
}

function tooLong(): string {
  return `value must be at most ${MAX_PREVIEW_VALUE_LENGTH} characters`;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
