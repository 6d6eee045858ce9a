import { Injectable, Optional } from '@nestjs/common';
import CircuitBreaker from 'opossum';
import type { BotTurnResult } from '@genesys-bridge/content-conversion';
import { BotConnectorRepository, type BotConnectorRecord, ConnectionRepository } from '@genesys-bridge/persistence';
import { type BotPlatformAdapter, type BotTurnRequest, createAdapter } from '@genesys-bridge/platform-adapters';
import type { ConnectorSecrets, ConnectorSettings } from './connector-settings';
import { parseConnectorSettings } from './connector-settings.parse';

export interface LoadedConnector {
  record: BotConnectorRecord;
  settings: ConnectorSettings;
  secrets: ConnectorSecrets;
  adapter: BotPlatformAdapter;
  /** Opens after repeated failures of this bot endpoint, so a dead bot costs no time budget. */
  breaker: CircuitBreaker<[BotTurnRequest], BotTurnResult>;
}

/** How long a loaded connector (settings, secrets, adapter) is reused before it is read again. */
export const CONNECTOR_CACHE_MS = 30_000;

/** Loads connectors with their decrypted secrets, adapter and circuit breaker, cached briefly. */
@Injectable()
export class ConnectorRegistry {
  private readonly cache = new Map<string, { loaded: Promise<LoadedConnector | null>; at: number }>();
  /** Breakers outlive the cache refresh, so an open circuit stays open until the connector itself changes. */
  private readonly breakers = new Map<string, { updatedAt: number; loaded: Pick<LoadedConnector, 'adapter' | 'breaker'> }>();

  /** `connections` lets a disabled connection's connectors answer as unknown (the command line does without). */
  constructor(
    private readonly connectors: BotConnectorRepository,
    @Optional() private readonly connections?: ConnectionRepository,
  ) {}

  get(connectorId: string): Promise<LoadedConnector | null> {
    const cached = this.cache.get(connectorId);
    if (cached && Date.now() - cached.at < CONNECTOR_CACHE_MS) return cached.loaded;
    const loaded = this.load(connectorId).catch((error) => {
      this.cache.delete(connectorId);
      throw error;
    });
    this.cache.set(connectorId, { loaded, at: Date.now() });
    return loaded;
  }

  private async load(connectorId: string): Promise<LoadedConnector | null> {
    const record = await this.connectors.findById(connectorId);
    if (!record) return null;
    // A connector of a disabled connection (tenant registry) is refused like an unknown one, within CONNECTOR_CACHE_MS.
    if ((await this.connections?.findById(record.connectionId))?.disabledAt) return null;
    const settings = parseConnectorSettings(record.settings);
    const secrets = await this.connectors.readSecrets<ConnectorSecrets>(connectorId);
    const existing = this.breakers.get(connectorId);
    if (existing && existing.updatedAt === record.updatedAt.getTime()) return { record, settings, secrets, ...existing.loaded };
    const adapter = createAdapter(adapterConfig(settings, secrets));
    const breaker = new CircuitBreaker((turn: BotTurnRequest) => adapter.sendTurn(turn), {
      timeout: false, // the turn's AbortSignal enforces the time budget
      volumeThreshold: 5,
      errorThresholdPercentage: 50,
      resetTimeout: 15_000,
      rollingCountTimeout: 30_000,
    });
    existing?.loaded.breaker.shutdown();
    this.breakers.set(connectorId, { updatedAt: record.updatedAt.getTime(), loaded: { adapter, breaker } });
    return { record, settings, secrets, adapter, breaker };
  }
}

function adapterConfig(settings: ConnectorSettings, secrets: ConnectorSecrets): Parameters<typeof createAdapter>[0] {
  const { adapter } = settings;
  switch (adapter.platform) {
    case 'cognigy':
      return { platform: 'cognigy', endpointBaseUrl: required(adapter.endpointBaseUrl, 'adapter.endpointBaseUrl'), urlToken: required(secrets.urlToken, 'secrets.urlToken'), allowPrivateNetworks: adapter.allowPrivateNetworks };
    case 'kore':
      return {
        platform: 'kore',
        webhookUrl: required(adapter.webhookUrl, 'adapter.webhookUrl'),
        clientId: required(adapter.clientId, 'adapter.clientId'),
        clientSecret: required(secrets.clientSecret, 'secrets.clientSecret'),
        agentTransferTaskNames: adapter.agentTransferTaskNames,
        allowPrivateNetworks: adapter.allowPrivateNetworks,
      };
    case 'generic':
      return { platform: 'generic', url: required(adapter.url, 'adapter.url'), bearerToken: secrets.bearerToken, hmacSecret: secrets.hmacSecret, allowPrivateNetworks: adapter.allowPrivateNetworks };
  }
}

function required<T>(value: T | undefined, name: string): T {
  if (value === undefined || value === '') throw new Error(`connector is missing ${name}`);
  return value;
}
