/** One connection's need for channels. */
export interface ConnectionDemand {
  connectionId: string;
  /** Genesys counts its 20 channels per OAuth client: connections with the same client share them. */
  oauthClientId: string;
  /** Subscribable conversations. */
  conversations: number;
}

export interface ChannelShortfall {
  oauthClientId: string;
  connectionId: string;
  wanted: number;
  granted: number;
}

export interface ChannelAllocation {
  /** Channels each connection may open (0 = none: over the client's limit). */
  channels: Map<string, number>;
  shortfalls: ChannelShortfall[];
}

/**
 * Shares each OAuth client's channels (`maxPerClient`) among its connections: first one channel for every connection
 * that has handovers, then more for those that need more than `perChannel` conversations' worth, in connection id
 * order. Every worker computes the same answer from the same database, so no worker opens a channel another was not
 * meant to: no coordination beyond the per-connection lease is needed.
 */
export function allocateChannels(demands: readonly ConnectionDemand[], perChannel: number, maxPerClient: number): ChannelAllocation {
  const channels = new Map<string, number>();
  const shortfalls: ChannelShortfall[] = [];
  const byClient = new Map<string, ConnectionDemand[]>();
  for (const demand of demands) {
    if (demand.conversations <= 0) continue;
    byClient.set(demand.oauthClientId, [...(byClient.get(demand.oauthClientId) ?? []), demand]);
  }
  for (const [oauthClientId, connections] of byClient) {
    const sorted = [...connections].sort((a, b) => (a.connectionId < b.connectionId ? -1 : a.connectionId > b.connectionId ? 1 : 0));
    let left = maxPerClient;
    for (const { connectionId } of sorted) {
      const granted = left > 0 ? 1 : 0;
      channels.set(connectionId, granted);
      left -= granted;
    }
    for (const { connectionId, conversations } of sorted) {
      const wanted = Math.ceil(conversations / perChannel);
      const extra = Math.min(left, Math.max(0, wanted - (channels.get(connectionId) ?? 0)));
      channels.set(connectionId, (channels.get(connectionId) ?? 0) + extra);
      left -= extra;
      const granted = channels.get(connectionId) ?? 0;
      if (granted < wanted) shortfalls.push({ oauthClientId, connectionId, wanted, granted });
    }
  }
  return { channels, shortfalls };
}
