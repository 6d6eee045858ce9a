import type { Connection, ConnectionSecretStatus } from '@genesys-bridge/persistence';
import type { ConnectionViewDto } from './connection-view.dto';

/** A connection as the registry answers it: settings and the status of each secret, never a secret value. */
export function connectionView(connection: Connection, secrets: ConnectionSecretStatus): ConnectionViewDto {
  return {
    id: connection.id,
    name: connection.name,
    genesysRegion: connection.genesysRegion,
    genesysApiBaseUrl: connection.genesysApiBaseUrl,
    genesysLoginBaseUrl: connection.genesysLoginBaseUrl,
    genesysClientId: connection.genesysClientId,
    openMessagingIntegrationId: connection.openMessagingIntegrationId,
    botConnectorIntegrationId: connection.botConnectorIntegrationId,
    botPlatform: connection.botPlatform,
    botPlatformSettings: connection.botPlatformSettings,
    enabled: connection.disabledAt === null,
    disabledAt: connection.disabledAt?.toISOString() ?? null,
    secrets,
    createdAt: connection.createdAt.toISOString(),
    updatedAt: connection.updatedAt.toISOString(),
    version: connection.version,
  };
}
