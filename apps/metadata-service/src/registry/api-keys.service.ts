import { Injectable, NotFoundException } from '@nestjs/common';
import { type ApiKeyRecord, ApiKeyRepository, ConnectionRepository } from '@genesys-bridge/persistence';
import { type ApiKeyPrincipal, auditActorOf, canSeeConnection } from '../auth';
import type { ApiKeyViewDto, CreateApiKeyDto, CreatedApiKeyDto } from './api-key.dto';
import { invalidFields, UUID } from './registry-errors';

/** Admin API keys: created (shown once), listed and revoked within what the calling key may see. */
@Injectable()
export class ApiKeysService {
  constructor(
    private readonly keys: ApiKeyRepository,
    private readonly connections: ConnectionRepository,
  ) {}

  async create(dto: CreateApiKeyDto, caller: ApiKeyPrincipal): Promise<CreatedApiKeyDto> {
    // A key bound to a connection creates keys for that connection only; asking for another (or for all) is
    // answered like an unknown connection, so it learns nothing about the others.
    const connectionId = dto.connectionId ?? caller.connectionId;
    if (connectionId !== null && (!canSeeConnection(caller, connectionId) || !(await this.connections.findById(connectionId)))) {
      throw invalidFields([{ path: 'connectionId', problems: ['unknown connection'] }]);
    }
    const { record, key } = await this.keys.create({ name: dto.name, scope: dto.scope, connectionId }, auditActorOf(caller));
    return { ...view(record), key };
  }

  async list(caller: ApiKeyPrincipal, includeRevoked: boolean): Promise<ApiKeyViewDto[]> {
    const records = await this.keys.list({ includeRevoked, ...(caller.connectionId === null ? {} : { connectionId: caller.connectionId }) });
    return records.map(view);
  }

  async revoke(apiKeyId: string, caller: ApiKeyPrincipal): Promise<void> {
    const record = UUID.test(apiKeyId) ? await this.keys.findById(apiKeyId) : null;
    const visible = record !== null && (caller.connectionId === null || record.connectionId === caller.connectionId);
    if (!visible || !(await this.keys.revoke(apiKeyId, auditActorOf(caller)))) {
      throw new NotFoundException({ statusCode: 404, error: 'Not Found', message: `unknown API key ${apiKeyId.slice(0, 64)}` });
    }
  }
}

function view(record: ApiKeyRecord): ApiKeyViewDto {
  return {
    id: record.id,
    name: record.name,
    scope: record.scope,
    connectionId: record.connectionId,
    createdAt: record.createdAt.toISOString(),
    revokedAt: record.revokedAt?.toISOString() ?? null,
    lastUsedAt: record.lastUsedAt?.toISOString() ?? null,
  };
}
