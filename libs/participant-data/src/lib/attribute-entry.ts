/** One flattened attribute on its way to the limits. */
export interface AttributeEntry {
  key: string;
  value: string;
  /** The path that produced it (object keys and `[i]` indices); routing fields use a one-segment path. */
  path: readonly string[];
}

/** The result of flattening: a flat string→string map for participant data, and what had to change to get there. */
export interface FlatAttributes {
  attributes: Record<string, string>;
  warnings: string[];
}
