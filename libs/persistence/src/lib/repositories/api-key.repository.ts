import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { DataSource, FindOptionsWhere, Repository } from 'typeorm';
import { IsNull } from 'typeorm';
import { ApiKeyEntity, type ApiKeyScope } from '../entities';
import { inTransaction } from '../transactions';
import { type AuditActor, AuditLogRepository } from './audit-log.repository';

/** Prefix of every admin API key: recognisable in a leaked-secret scan, and in a config file. */
export const API_KEY_PREFIX = 'gbk_';

/** An API key as the rest of the system sees it: never the key, never its hash. */
export interface ApiKeyRecord {
  id: string;
  name: string;
  scope: ApiKeyScope;
  /** null = every connection. */
  connectionId: string | null;
  createdAt: Date;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
}

export interface NewApiKey {
  name: string;
  scope: ApiKeyScope;
  connectionId?: string | null;
}

/** A new random key: `gbk_` + 32 random bytes in base64url (256 bits). */
export function generateApiKey(): string {
  return `${API_KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
}

/** What is stored instead of the key: SHA-256 as lower-case hex. A random 256-bit key needs no slow hash. */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** Admin API keys: only hashes are stored; creating and revoking are audited in the same transaction. */
export class ApiKeyRepository {
  private readonly rows: Repository<ApiKeyEntity>;

  constructor(private readonly dataSource: DataSource) {
    this.rows = dataSource.getRepository(ApiKeyEntity);
  }

  /** Stores a new key and returns it with the key itself, which cannot be read back later. */
  async create(input: NewApiKey, actor: AuditActor): Promise<{ record: ApiKeyRecord; key: string }> {
    const key = generateApiKey();
    const id = randomUUID();
    const record = await inTransaction(this.dataSource, async (manager) => {
      const rows = manager.getRepository(ApiKeyEntity);
      const row = await rows.save(
        rows.create({ id, name: input.name, keyHash: hashApiKey(key), scope: input.scope, connectionId: input.connectionId ?? null, revokedAt: null, lastUsedAt: null }),
      );
      await new AuditLogRepository(this.dataSource).append(
        { actor, action: 'api-key.create', connectionId: row.connectionId, changes: { apiKeyId: id, name: input.name, scope: input.scope, connectionId: row.connectionId } },
        manager,
      );
      return toRecord(row);
    });
    return { record, key };
  }

  /** The unrevoked key with this value, or null. The lookup is by hash, so the key never reaches the database. */
  async findActiveByKey(key: string): Promise<ApiKeyRecord | null> {
    const row = await this.rows.findOneBy({ keyHash: hashApiKey(key), revokedAt: IsNull() });
    return row ? toRecord(row) : null;
  }

  async findById(id: string): Promise<ApiKeyRecord | null> {
    const row = await this.rows.findOneBy({ id });
    return row ? toRecord(row) : null;
  }

  /** Oldest first (then by name); `connectionId` narrows to the keys bound to that connection. */
  async list(filter: { connectionId?: string; includeRevoked?: boolean } = {}): Promise<ApiKeyRecord[]> {
    const where: FindOptionsWhere<ApiKeyEntity> = {};
    if (filter.connectionId !== undefined) where.connectionId = filter.connectionId;
    if (!filter.includeRevoked) where.revokedAt = IsNull();
    const rows = await this.rows.find({ where, order: { createdAt: 'ASC', name: 'ASC', id: 'ASC' } });
    return rows.map(toRecord);
  }

  /** Revokes a key (it stays listed with `revokedAt`); false when it does not exist or was already revoked. */
  async revoke(id: string, actor: AuditActor): Promise<boolean> {
    return inTransaction(this.dataSource, async (manager) => {
      const rows = manager.getRepository(ApiKeyEntity);
      const result = await rows.update({ id, revokedAt: IsNull() }, { revokedAt: new Date() });
      if (!result.affected) return false;
      const row = await rows.findOneByOrFail({ id });
      await new AuditLogRepository(this.dataSource).append({ actor, action: 'api-key.revoke', connectionId: row.connectionId, changes: { apiKeyId: id, name: row.name } }, manager);
      return true;
    });
  }

  async markUsed(id: string, at: Date = new Date()): Promise<void> {
    await this.rows.update({ id }, { lastUsedAt: at });
  }
}

function toRecord(row: ApiKeyEntity): ApiKeyRecord {
  return {
    id: row.id,
    name: row.name,
    scope: row.scope as ApiKeyScope,
    connectionId: row.connectionId,
    createdAt: row.createdAt,
    revokedAt: row.revokedAt,
    lastUsedAt: row.lastUsedAt,
  };
}
