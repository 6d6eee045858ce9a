import { ROUTING_KINDS, type RoutingKind } from './routing-kind';

/** Which cached name: a connection's queue, skill or language, by its normalized name. */
export interface RoutingCacheTarget {
  connectionId: string;
  kind: RoutingKind;
  /** Normalized (see normalizeRoutingName). */
  name: string;
}

/**
 * `{prefix}:routing:{connectionId}:{kind}:{name}` with the name URI-encoded, so a `:` or a space in a queue name
 * cannot run into another key's parts. Keys live under the queue prefix: its `{hash-tag}` keeps them on one Redis
 * Cluster slot with the refresh set, which one command touches together with entries.
 */
export function routingEntryKey(prefix: string, target: RoutingCacheTarget): string {
  return `${prefix}:routing:${target.connectionId}:${target.kind}:${encodeURIComponent(target.name)}`;
}

/** Sorted set of entries someone used, scored by when the background refresh should renew them (epoch ms). */
export function refreshDueKey(prefix: string): string {
  return `${prefix}:routing:refresh-due`;
}

export function encodeRefreshMember(target: RoutingCacheTarget): string {
  return JSON.stringify([target.connectionId, target.kind, target.name]);
}

/** The target of a refresh-set member, or null for anything this version did not write. */
export function decodeRefreshMember(member: string): RoutingCacheTarget | null {
  try {
    const parsed: unknown = JSON.parse(member);
    if (!Array.isArray(parsed) || parsed.length !== 3) return null;
    const [connectionId, kind, name] = parsed as unknown[];
    if (typeof connectionId !== 'string' || typeof name !== 'string' || !ROUTING_KINDS.includes(kind as RoutingKind)) return null;
    return { connectionId, kind: kind as RoutingKind, name };
  } catch {
    return null;
  }
}
