export type DeepPartial<T> = T extends readonly unknown[]
  ? T
  : T extends object
    ? { [K in keyof T]?: DeepPartial<T[K]> }
    : T;

/** Plain JSON-like objects merge key by key; arrays, RegExps, class instances and scalars replace. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}

/** Deep-merges `input` over a fresh copy of `defaults` (undefined values are ignored). */
export function resolveOptions<T extends object>(defaults: T, input: NoInfer<DeepPartial<T>> | undefined): T {
  return mergeInto({ ...(defaults as Record<string, unknown>) }, input) as T;
}

function mergeInto(target: Record<string, unknown>, source: unknown): Record<string, unknown> {
  if (!isPlainObject(source)) return target;
  for (const [key, value] of Object.entries(source)) {
    if (value === undefined) continue;
    const current = target[key];
    target[key] = isPlainObject(current) && isPlainObject(value) ? mergeInto({ ...current }, value) : value;
  }
  return target;
}

/** Applies overrides to live options in place (nested objects keep their identity). */
export function applyOptionOverrides<T extends object>(target: T, overrides: DeepPartial<T>): T {
  patchInPlace(target as Record<string, unknown>, overrides);
  return target;
}

function patchInPlace(target: Record<string, unknown>, source: unknown): void {
  if (!isPlainObject(source)) return;
  for (const [key, value] of Object.entries(source)) {
    if (value === undefined) continue;
    const current = target[key];
    if (isPlainObject(current) && isPlainObject(value)) patchInPlace(current, value);
    else target[key] = value;
  }
}

/** Throws unless `value` is one of `allowed` (used to validate option values set over HTTP). */
export function assertOneOf<T extends string>(value: unknown, allowed: readonly T[], path: string): asserts value is T {
  if (typeof value !== 'string' || !allowed.includes(value as T)) {
    throw new Error(`${path} must be one of ${allowed.join(', ')}`);
  }
}
