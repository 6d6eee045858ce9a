import type { MatchedBy, NameResolution, RoutingEntity } from './routing-kind';

/** Longest name we look up; Genesys names are far shorter, and the name is part of a Redis key. */
export const MAX_ROUTING_NAME_LENGTH = 256;

/**
 * The form of a requested name that is looked up and cached: leading and trailing whitespace removed (bots often send
 * `"Billing "`), Unicode NFC (the same accented name typed two ways is one name). Inner whitespace and case are kept:
 * `"Billing  EU"` is not `"Billing EU"`, and case is decided by {@link NameMatcher}.
 */
export function normalizeRoutingName(raw: string): string {
  return raw.trim().normalize('NFC');
}

/** Why a requested name cannot be looked up, or null when it can. */
export function routingNameProblem(normalized: string): string | null {
  if (normalized === '') return 'must not be blank';
  if (normalized.length > MAX_ROUTING_NAME_LENGTH) return `must be at most ${MAX_ROUTING_NAME_LENGTH} characters`;
  return null;
}

function foldCase(name: string): string {
  return name.normalize('NFC').toLowerCase();
}

/**
 * Picks the entity a name means among what Genesys' `name` filter returned, page after page. Genesys' filter
 * semantics are only partly confirmed (queues: exact unless `*` is used, case sensitivity UNCONFIRMED; skills and
 * languages: "starts with"), so the decision is made here, on trimmed names:
 * 1. an entity whose trimmed name equals the wanted name exactly (case-sensitive) wins at once;
 * 2. otherwise, an entity whose name equals it ignoring case, **only if exactly one** does (two queues "Support" and
 *    "SUPPORT" and a request for "support" is ambiguous: not found rather than a coin toss);
 * 3. otherwise not found.
 */
export class NameMatcher {
  private exact: RoutingEntity | undefined;
  private readonly folded = new Map<string, RoutingEntity>();
  private readonly wantedFolded: string;

  constructor(private readonly wanted: string) {
    this.wantedFolded = foldCase(wanted);
  }

  /** Looks at one page of results; true once an exact match is known (no further page can change the answer). */
  offer(entities: readonly Partial<RoutingEntity>[]): boolean {
    for (const entity of entities) {
      if (typeof entity.id !== 'string' || typeof entity.name !== 'string') continue;
      const name = normalizeRoutingName(entity.name);
      if (name === this.wanted) {
        this.exact = { id: entity.id, name: entity.name };
        return true;
      }
      if (foldCase(name) === this.wantedFolded) this.folded.set(entity.id, { id: entity.id, name: entity.name });
    }
    return false;
  }

  result(): NameResolution {
    if (this.exact) return found(this.exact, 'exact');
    if (this.folded.size === 1) return found([...this.folded.values()][0] as RoutingEntity, 'case-insensitive');
    return this.folded.size > 1 ? { found: false, ambiguous: true } : { found: false };
  }
}

function found(entity: RoutingEntity, matchedBy: MatchedBy): NameResolution {
  return { found: true, id: entity.id, name: entity.name, matchedBy };
}
