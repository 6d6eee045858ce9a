import { queueFallbackOf } from './queue-fallback';
import type { LookupSource, RoutingLookup } from './routing-lookup';
import type { RoutingMetrics } from './routing-metrics';

/** `exact` / `case-insensitive`: the name was found; `fallback`: it was not, the connection's fallback queue answers; `none`: neither. */
export type QueueResolvedBy = 'exact' | 'case-insensitive' | 'fallback' | 'none';

/** A flat answer (Architect Data Actions want flat, non-null outputs): empty strings instead of nulls. */
export interface QueueResolution {
  /** The requested name was found in Genesys. */
  found: boolean;
  /** The queue to route to: the found queue, the fallback queue, or "" for none. */
  queueId: string;
  /** Genesys' spelling of that queue's name ("" when unknown). */
  queueName: string;
  resolvedBy: QueueResolvedBy;
  /** Where the name's resolution came from. */
  source: LookupSource;
}

/** What the resolver needs of a connection. */
export interface QueueConnection {
  id: string;
  botPlatformSettings: Record<string, unknown> | null;
}

/**
 * A queue name to the queue to route to, with the connection's fallback when Genesys does not know the name
 * (counted in `genesys_bridge_queue_fallbacks_total`). A Genesys failure without a usable cache entry is thrown:
 * an unknown name and an unreachable Genesys are different answers.
 */
export class QueueResolver {
  constructor(
    private readonly lookup: RoutingLookup,
    private readonly metrics: RoutingMetrics,
  ) {}

  async resolve(connection: QueueConnection, name: string): Promise<QueueResolution> {
    const found = await this.lookup.resolve(connection.id, 'queue', name);
    if (found.found && found.id && found.matchedBy) {
      return { found: true, queueId: found.id, queueName: found.name ?? '', resolvedBy: found.matchedBy, source: found.source };
    }
    const fallback = queueFallbackOf(connection.botPlatformSettings);
    if (fallback?.queueId) {
      this.metrics.fallback(connection.id, 'fallback');
      return { found: false, queueId: fallback.queueId, queueName: fallback.queueName ?? '', resolvedBy: 'fallback', source: found.source };
    }
    if (fallback?.queueName) {
      const byName = await this.lookup.resolve(connection.id, 'queue', fallback.queueName);
      if (byName.found && byName.id) {
        this.metrics.fallback(connection.id, 'fallback');
        return { found: false, queueId: byName.id, queueName: byName.name ?? fallback.queueName, resolvedBy: 'fallback', source: found.source };
      }
    }
    this.metrics.fallback(connection.id, 'no-fallback');
    return { found: false, queueId: '', queueName: '', resolvedBy: 'none', source: found.source };
  }
}
