import { badRequest } from '../support/genesys-error';

export interface AttributeLimits {
  maxAttributes: number | null;
  maxValueLength: number | null;
}

/**
 * The participant's attributes after an update: merged into (default) or replacing the current map.
 * Throws a 400 when the result breaks a configured limit, leaving the current map untouched.
 */
export function applyAttributes(
  current: Record<string, string>,
  incoming: Record<string, string>,
  mode: 'merge' | 'replace',
  limits: AttributeLimits,
): Record<string, string> {
  const next = mode === 'merge' ? { ...current, ...incoming } : { ...incoming };
  if (limits.maxAttributes !== null && Object.keys(next).length > limits.maxAttributes) {
    throw badRequest(`attributes: a participant can hold at most ${limits.maxAttributes} attributes`);
  }
  if (limits.maxValueLength !== null) {
    for (const [key, value] of Object.entries(incoming)) {
      if (value.length > limits.maxValueLength) {
        throw badRequest(`attributes.${key} must be at most ${limits.maxValueLength} characters`);
      }
    }
  }
  return next;
}
