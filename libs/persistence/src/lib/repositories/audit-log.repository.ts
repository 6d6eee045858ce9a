import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager, FindOptionsWhere, Repository } from 'typeorm';
import { IsNull, LessThan } from 'typeorm';
import { AuditLogEntity } from '../entities';

/** Who made a change: an API key (id and name), or the bootstrap key / command line (id null). */
export interface AuditActor {
  apiKeyId: string | null;
  apiKeyName: string;
}

/** Field names of a change; secret fields carry `"set"`, `"rotated"` or `"removed"`, never a value. */
export type AuditChanges = Record<string, unknown>;

export interface NewAuditEntry {
  actor: AuditActor;
  action: string;
  connectionId: string | null;
  changes?: AuditChanges | null;
}

export interface AuditEntry {
  id: string;
  at: Date;
  apiKeyId: string | null;
  apiKeyName: string;
  action: string;
  connectionId: string | null;
  changes: AuditChanges | null;
}

export interface AuditQuery {
  /** One connection's entries; `null` = entries about no connection; absent = all. */
  connectionId?: string | null;
  /** Entries strictly older than this (keyset paging, newest first). */
  before?: Date;
  limit?: number;
}

export const MAX_AUDIT_PAGE = 500;

/** The registry's audit trail. `append` takes the transaction of the change it records, so both commit or neither. */
export class AuditLogRepository {
  private readonly rows: Repository<AuditLogEntity>;

  constructor(dataSource: DataSource) {
    this.rows = dataSource.getRepository(AuditLogEntity);
  }

  async append(entry: NewAuditEntry, manager?: EntityManager): Promise<AuditEntry> {
    const rows = manager ? manager.getRepository(AuditLogEntity) : this.rows;
    const row = rows.create({
      id: randomUUID(),
      at: new Date(),
      apiKeyId: entry.actor.apiKeyId,
      apiKeyName: entry.actor.apiKeyName,
      action: entry.action,
      connectionId: entry.connectionId,
      changes: entry.changes ?? null,
    });
    return toEntry(await rows.save(row));
  }

  /** Newest first. */
  async list(query: AuditQuery = {}): Promise<AuditEntry[]> {
    const where: FindOptionsWhere<AuditLogEntity> = {};
    if (query.connectionId !== undefined) where.connectionId = query.connectionId === null ? IsNull() : query.connectionId;
    if (query.before) where.at = LessThan(query.before);
    const take = Math.min(Math.max(query.limit ?? 100, 1), MAX_AUDIT_PAGE);
    const rows = await this.rows.find({ where, order: { at: 'DESC', id: 'DESC' }, take });
    return rows.map(toEntry);
  }
}

function toEntry(row: AuditLogEntity): AuditEntry {
  return {
    id: row.id,
    at: row.at,
    apiKeyId: row.apiKeyId,
    apiKeyName: row.apiKeyName,
    action: row.action,
    connectionId: row.connectionId,
    changes: row.changes,
  };
}
