import { Injectable } from '@nestjs/common';
import {
  BotConnectorNotFoundError,
  BotConnectorRepository,
  type Connection,
  ConnectionChangedError,
  ConnectionNotFoundError,
  type ConnectionPatch,
  ConnectionRepository,
  isUniqueViolation,
} from '@genesys-bridge/persistence';
import type { FieldProblem } from '@genesys-bridge/service-runtime';
import { type ApiKeyPrincipal, auditActorOf, canSeeConnection } from '../auth';
import { allowsPrivateUrls, callbackUrlProblems, type UrlBearingState } from './callback-urls';
import { type CreateConnectionDto, DEFAULT_GRACE_SECONDS, type RotateSecretDto, type UpdateConnectionDto } from './connection.dto';
import type { ConnectionViewDto, SecretRotatedDto } from './connection-view.dto';
import { connectionView } from './connection-view';
import { mergeSettings, platformSettingsProblems } from './platform-settings';
import { conflict, forbidden, invalidFields, unknownConnection, UUID } from './registry-errors';

/** Where each rotatable Bot Connector credential lives in the connector's sealed secrets (current first). */
const CONNECTOR_SECRET_LISTS = { botConnectorVerifyToken: 'verifyTokens', botConnectorJwtSecret: 'jwtSecrets' } as const;

/**
 * The tenant registry's use cases. Every write is checked completely first (types, SSRF of every URL, who may lift
 * the SSRF guard) and then made in one transaction with its audit entry, so a refused request changes nothing.
 */
@Injectable()
export class ConnectionsService {
  constructor(
    private readonly connections: ConnectionRepository,
    private readonly connectors: BotConnectorRepository,
  ) {}

  async create(dto: CreateConnectionDto, key: ApiKeyPrincipal): Promise<ConnectionViewDto> {
    const settings = dto.botPlatformSettings ?? {};
    const state = { genesysApiBaseUrl: dto.genesysApiBaseUrl ?? null, genesysLoginBaseUrl: dto.genesysLoginBaseUrl ?? null, botPlatformSettings: settings };
    await this.assertValid(state, null);
    try {
      const created = await this.connections.create(
        {
          name: dto.name,
          genesysRegion: dto.genesysRegion,
          genesysApiBaseUrl: state.genesysApiBaseUrl,
          genesysLoginBaseUrl: state.genesysLoginBaseUrl,
          genesysClientId: dto.genesysClientId,
          genesysClientSecret: dto.genesysClientSecret,
          openMessagingIntegrationId: dto.openMessagingIntegrationId ?? null,
          botConnectorIntegrationId: dto.botConnectorIntegrationId ?? null,
          webhookSecret: dto.webhookSecret ?? null,
          botPlatform: dto.botPlatform,
          botPlatformSettings: settings,
          botPlatformSecrets: dto.botPlatformSecrets,
        },
        { actor: auditActorOf(key) },
      );
      return this.view(created);
    } catch (error) {
      if (isUniqueViolation(error)) throw conflict(`a connection named "${dto.name}" already exists`);
      throw error;
    }
  }

  async list(key: ApiKeyPrincipal): Promise<ConnectionViewDto[]> {
    const rows = await this.connections.listWithSecretStatus(key.connectionId === null ? {} : { ids: [key.connectionId] });
    return rows.map(({ connection, secrets }) => connectionView(connection, secrets));
  }

  async get(connectionId: string, key: ApiKeyPrincipal): Promise<ConnectionViewDto> {
    return this.view(await this.load(connectionId, key));
  }

  async update(connectionId: string, dto: UpdateConnectionDto, key: ApiKeyPrincipal): Promise<ConnectionViewDto> {
    const current = await this.load(connectionId, key);
    const settings = dto.botPlatformSettings === undefined ? current.botPlatformSettings : mergeSettings(current.botPlatformSettings, dto.botPlatformSettings);
    if (allowsPrivateUrls(settings) !== allowsPrivateUrls(current.botPlatformSettings) && key.connectionId !== null) {
      throw forbidden('only a key for all connections may change allowPrivateCallbackUrls');
    }
    const after = {
      genesysApiBaseUrl: dto.genesysApiBaseUrl === undefined ? current.genesysApiBaseUrl : dto.genesysApiBaseUrl,
      genesysLoginBaseUrl: dto.genesysLoginBaseUrl === undefined ? current.genesysLoginBaseUrl : dto.genesysLoginBaseUrl,
      botPlatformSettings: settings,
    };
    await this.assertValid(after, current);
    const given = Object.fromEntries(Object.entries(dto).filter(([, value]) => value !== undefined)) as ConnectionPatch;
    const patch: ConnectionPatch = { ...given, ...(dto.botPlatformSettings === undefined ? {} : { botPlatformSettings: settings }) };
    if (Object.keys(patch).length === 0) return this.view(current);
    try {
      return this.view(await this.connections.update(connectionId, current.version, patch, { actor: auditActorOf(key) }));
    } catch (error) {
      throw this.translate(error, connectionId, dto.name);
    }
  }

  /** Idempotent: disabling a disabled connection changes (and audits) nothing. */
  async setDisabled(connectionId: string, disabled: boolean, key: ApiKeyPrincipal): Promise<ConnectionViewDto> {
    await this.load(connectionId, key);
    try {
      await this.connections.setDisabled(connectionId, disabled, { actor: auditActorOf(key) });
    } catch (error) {
      throw this.translate(error, connectionId);
    }
    return this.get(connectionId, key);
  }

  /** Rotates a secret keeping the previous value valid for the grace period (webhook secret or a connector credential). */
  async rotate(connectionId: string, dto: RotateSecretDto, key: ApiKeyPrincipal): Promise<SecretRotatedDto> {
    await this.load(connectionId, key);
    const graceSeconds = dto.graceSeconds ?? DEFAULT_GRACE_SECONDS;
    const rotatedAt = new Date();
    const previousValidUntil = new Date(rotatedAt.getTime() + graceSeconds * 1000);
    const actor = auditActorOf(key);
    try {
      if (dto.secret === 'webhookSecret') {
        const hadSecret = (await this.connections.secretStatus(connectionId)).webhookSecret.set;
        await this.connections.rotateWebhookSecret(connectionId, dto.value, { previousValidUntil, audited: { actor } });
        return { secret: dto.secret, rotatedAt: rotatedAt.toISOString(), previousValidUntil: hadSecret && graceSeconds > 0 ? previousValidUntil.toISOString() : null };
      }
      const connectorId = dto.connectorId as string;
      const connector = await this.connectors.findById(connectorId);
      if (!connector || connector.connectionId !== connectionId) throw invalidFields([{ path: 'connectorId', problems: ['no bot connector with this id belongs to the connection'] }]);
      const field = CONNECTOR_SECRET_LISTS[dto.secret];
      const before = await this.connectors.readSecrets<Record<string, unknown>>(connectorId);
      await this.connectors.rotateSecretList(connectorId, field, dto.value, { previousValidUntil, actor });
      const hadSecret = Array.isArray(before[field]) && (before[field] as unknown[]).length > 0;
      return { secret: dto.secret, connectorId, rotatedAt: rotatedAt.toISOString(), previousValidUntil: hadSecret && graceSeconds > 0 ? previousValidUntil.toISOString() : null };
    } catch (error) {
      if (error instanceof BotConnectorNotFoundError) throw invalidFields([{ path: 'connectorId', problems: ['no bot connector with this id belongs to the connection'] }]);
      throw this.translate(error, connectionId);
    }
  }

  /** The connection, if it exists and the key may see it; else the same 404 either way. */
  async load(connectionId: string, key: ApiKeyPrincipal): Promise<Connection> {
    const connection = UUID.test(connectionId) && canSeeConnection(key, connectionId) ? await this.connections.findById(connectionId) : null;
    if (!connection) throw unknownConnection(connectionId);
    return connection;
  }

  private async view(connection: Connection): Promise<ConnectionViewDto> {
    return connectionView(connection, await this.connections.secretStatus(connection.id));
  }

  /** Types of the known settings, both-or-neither Genesys overrides, then SSRF of the URLs (the only slow check). */
  private async assertValid(after: UrlBearingState, before: UrlBearingState | null): Promise<void> {
    const problems: FieldProblem[] = platformSettingsProblems(after.botPlatformSettings);
    if ((after.genesysApiBaseUrl === null) !== (after.genesysLoginBaseUrl === null)) {
      const missing = after.genesysApiBaseUrl === null ? 'genesysApiBaseUrl' : 'genesysLoginBaseUrl';
      problems.push({ path: missing, problems: ['set genesysApiBaseUrl and genesysLoginBaseUrl together (or neither, to use the region’s hosts)'] });
    }
    if (problems.length > 0) throw invalidFields(problems);
    const unsafe = await callbackUrlProblems(after, before);
    if (unsafe.length > 0) throw invalidFields(unsafe);
  }

  private translate(error: unknown, connectionId: string, name?: string): unknown {
    if (error instanceof ConnectionNotFoundError) return unknownConnection(connectionId);
    if (error instanceof ConnectionChangedError) return conflict('the connection was changed at the same time by another request; read it again and retry');
    if (isUniqueViolation(error)) return conflict(`a connection named "${name ?? ''}" already exists`);
    return error;
  }
}
