// Routing lookups (genesys-api.md §4). Only the fields we use are typed.

/** Genesys paged listing envelope. */
export interface EntityListing<T> {
  entities: T[];
  pageSize?: number;
  pageNumber?: number;
  total?: number;
  pageCount?: number;
  nextUri?: string;
  [field: string]: unknown;
}

export interface RoutingQueue {
  id: string;
  name: string;
  division?: { id: string; name?: string; [field: string]: unknown };
  [field: string]: unknown;
}

export interface RoutingSkill {
  id: string;
  name: string;
  state?: string;
  [field: string]: unknown;
}

export interface RoutingLanguage {
  id: string;
  name: string;
  state?: string;
  [field: string]: unknown;
}

export interface PageQuery {
  pageNumber?: number;
  pageSize?: number;
}

export interface ListQueuesQuery extends PageQuery {
  /** Exact name; leading/trailing `*` make it a partial match (§4). Case sensitivity is UNCONFIRMED. */
  name?: string;
}

export interface ListSkillsQuery extends PageQuery {
  /** Skills whose name starts with this value (§4). */
  name?: string;
}

export interface ListLanguagesQuery extends PageQuery {
  name?: string;
  sortOrder?: 'ascending' | 'descending';
}
