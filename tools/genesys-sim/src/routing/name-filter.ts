export interface NameFilterOptions {
  caseSensitive: boolean;
}

/**
 * Queue `name` filter (genesys-api.md §4): exact by default; a leading and/or trailing `*` turns it into an
 * ends-with, starts-with or contains match.
 */
export function matchesWildcardName(name: string, filter: string, options: NameFilterOptions): boolean {
  const leading = filter.startsWith('*');
  const trailing = filter.length > 1 && filter.endsWith('*');
  const core = normalise(filter.slice(leading ? 1 : 0, trailing ? -1 : undefined), options);
  const candidate = normalise(name, options);
  if (leading && trailing) return candidate.includes(core);
  if (leading) return candidate.endsWith(core);
  if (trailing) return candidate.startsWith(core);
  return candidate === core;
}

/** Skill and language `name` filter: "results that start with this value". */
export function matchesNamePrefix(name: string, prefix: string, options: NameFilterOptions): boolean {
  return normalise(name, options).startsWith(normalise(prefix, options));
}

function normalise(value: string, options: NameFilterOptions): string {
  return options.caseSensitive ? value : value.toLowerCase();
}
