/** What a name can be resolved to: Genesys routing queues, ACD skills and language skills (genesys-api.md §4). */
export const ROUTING_KINDS = ['queue', 'skill', 'language'] as const;
export type RoutingKind = (typeof ROUTING_KINDS)[number];

/** How a name matched a Genesys entity: the same text, or the same text ignoring case (one candidate only). */
export type MatchedBy = 'exact' | 'case-insensitive';

/** The two fields of a queue, skill or language a lookup needs. */
export interface RoutingEntity {
  id: string;
  name: string;
}

/** What a name resolved to in Genesys; this is what the cache stores. */
export interface NameResolution {
  found: boolean;
  /** Set when found. */
  id?: string;
  /** Genesys' spelling of the name, set when found. */
  name?: string;
  matchedBy?: MatchedBy;
  /** Not found because several entities match ignoring case and none exactly. */
  ambiguous?: boolean;
}
