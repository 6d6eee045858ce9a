import type { DroppedAttribute, TruncatedAttribute } from './attribute-entry';

/** What the steps report while they work; turned into a result at the end. */
export interface Report {
  warnings: string[];
  dropped: DroppedAttribute[];
  truncated: TruncatedAttribute[];
}

export function newReport(): Report {
  return { warnings: [], dropped: [], truncated: [] };
}
