/** One flattened attribute on its way to the limits. */
export interface AttributeEntry {
  key: string;
  value: string;
  /** The path that produced it (raw object keys and `[i]` indices); routing fields use a one-segment path. */
  path: readonly string[];
}

/** The result of flattening: a flat string→string map for participant data, and what had to change to get there. */
export interface FlatAttributes {
  attributes: Record<string, string>;
  warnings: string[];
}

/** Why an attribute is not in the result. */
export type DropReason =
  /** Another path produced the same name and won (fewer segments, then segment order). */
  | 'collision'
  /** A more explicit source (routing field, customAttributes, profile field) set the same name. */
  | 'overridden'
  /** Not a value Genesys can hold: a non-finite number or a circular reference. */
  | 'invalid-value'
  /** The name was empty, or became empty once sanitised. */
  | 'empty-name'
  /** Beyond the channel's attribute count. */
  | 'maxAttributes'
  /** Beyond the channel's byte budget. */
  | 'maxTotalBytes';

export interface DroppedAttribute {
  key: string;
  reason: DropReason;
  /** The value that was dropped, when there was one. */
  value?: string;
}

export interface TruncatedAttribute {
  key: string;
  /** Length before and after the cut, in UTF-16 code units. */
  from: number;
  to: number;
}

/** Everything a preview needs: the attributes, the warnings, and the same facts in a form a program can read. */
export interface ParticipantDataResult extends FlatAttributes {
  /** In the order they were dropped: flattening first, then the limits. */
  dropped: DroppedAttribute[];
  truncated: TruncatedAttribute[];
  /** UTF-8 bytes of all names plus values: the measure of the byte budget. */
  bytes: number;
}
