import { randomUUID } from 'node:crypto';
import type { DataSource, QueryDeepPartialEntity, Repository } from 'typeorm';
import type { SecretCipher } from '@genesys-bridge/secrets';
import { BotConnectorEntity } from '../entities';
import { inTransaction } from '../transactions';
import { type AuditActor, AuditLogRepository } from './audit-log.repository';

export interface BotConnectorRecord<S = Record<string, unknown>> {
  id: string;
  connectionId: string;
  name: string;
  settings: S;
  createdAt: Date;
  updatedAt: Date;
}

export interface NewBotConnector<S = Record<string, unknown>> {
  connectionId: string;
  name: string;
  settings: S;
  secrets: object;
}

export class BotConnectorNotFoundError extends Error {
  override readonly name = 'BotConnectorNotFoundError';
  constructor(readonly connectorId: string) {
    super(`bot connector ${connectorId} does not exist`);
  }
}

/** The connector changed between reading its secrets and writing the rotated ones. */
export class BotConnectorChangedError extends Error {
  override readonly name = 'BotConnectorChangedError';
  constructor(readonly connectorId: string) {
    super(`bot connector ${connectorId} was changed concurrently; retry`);
  }
}

/**
 * Bot connectors with their secrets sealed as one JSON object bound to the row id. Secret lists in it
 * (`verifyTokens`, `jwtSecrets`) are current-first; after `secrets_previous_valid_until` only the current entry is read.
 */
export class BotConnectorRepository {
  private readonly rows: Repository<BotConnectorEntity>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly cipher: SecretCipher,
  ) {
    this.rows = dataSource.getRepository(BotConnectorEntity);
  }

  async create<S extends object>(input: NewBotConnector<S>): Promise<BotConnectorRecord<S>> {
    const id = randomUUID();
    const row = await this.rows.save(
      this.rows.create({
        id,
        connectionId: input.connectionId,
        name: input.name,
        settings: input.settings as Record<string, unknown>,
        secretsSealed: this.cipher.encrypt(JSON.stringify(input.secrets), context(id)),
      }),
    );
    return toRecord<S>(row);
  }

  async findById<S = Record<string, unknown>>(id: string): Promise<BotConnectorRecord<S> | null> {
    const row = await this.rows.findOneBy({ id });
    return row ? toRecord<S>(row) : null;
  }

  async readSecrets<T = Record<string, unknown>>(id: string, now: Date = new Date()): Promise<T> {
    const row = await this.rows.findOneBy({ id });
    if (!row) throw new BotConnectorNotFoundError(id);
    const secrets = JSON.parse(this.cipher.decrypt(row.secretsSealed, context(id))) as Record<string, unknown>;
    return (row.secretsPreviousValidUntil !== null && row.secretsPreviousValidUntil <= now ? currentOnly(secrets) : secrets) as T;
  }

  /** The connectors of one connection, by name. */
  async listByConnection<S = Record<string, unknown>>(connectionId: string): Promise<BotConnectorRecord<S>[]> {
    return (await this.rows.find({ where: { connectionId }, order: { name: 'ASC' } })).map((row) => toRecord<S>(row));
  }

  /**
   * Rotates a secret list (`verifyTokens`, `jwtSecrets`): the new value goes first, the current one stays second
   * (older ones are dropped) and is read until `previousValidUntil` (null = no expiry). Audited in the same transaction.
   */
  async rotateSecretList(id: string, field: string, newValue: string, options: { previousValidUntil: Date | null; actor?: AuditActor }): Promise<void> {
    const row = await this.rows.findOneBy({ id });
    if (!row) throw new BotConnectorNotFoundError(id);
    const secrets = currentOnlyIfExpired(JSON.parse(this.cipher.decrypt(row.secretsSealed, context(id))) as Record<string, unknown>, row.secretsPreviousValidUntil);
    const list = Array.isArray(secrets[field]) ? (secrets[field] as unknown[]).filter((value): value is string => typeof value === 'string' && value !== '') : [];
    // Only this list keeps a previous entry through the grace period: the expiry applies to every list of the row.
    const rotated = { ...currentOnly(secrets), [field]: [newValue, ...list.slice(0, 1)] };
    await inTransaction(this.dataSource, async (manager) => {
      const result = await manager
        .createQueryBuilder()
        .update(BotConnectorEntity)
        .set({ secretsSealed: this.cipher.encrypt(JSON.stringify(rotated), context(id)), secretsPreviousValidUntil: list.length > 0 ? options.previousValidUntil : null })
        .where('id = :id AND version = :version', { id, version: row.version })
        .execute();
      if (!result.affected) throw new BotConnectorChangedError(id);
      if (options.actor) {
        await new AuditLogRepository(this.dataSource).append(
          {
            actor: options.actor,
            action: 'bot-connector.secrets.rotate',
            connectionId: row.connectionId,
            changes: { connectorId: id, [field]: 'rotated', ...(list.length > 0 && options.previousValidUntil ? { previousValidUntil: options.previousValidUntil.toISOString() } : {}) },
          },
          manager,
        );
      }
    });
  }

  /** Re-seals every connector's secrets still sealed with an older key; safe to run again. */
  async reencryptAll(onProgress: (done: number, total: number) => void = () => undefined): Promise<number> {
    const ids = (await this.rows.find({ select: { id: true }, order: { id: 'ASC' } })).map((row) => row.id);
    let changed = 0;
    for (const [index, id] of ids.entries()) {
      for (let attempt = 1; ; attempt++) {
        const row = await this.rows.findOneBy({ id });
        if (!row || !this.cipher.needsReencryption(row.secretsSealed)) break;
        const resealed = this.cipher.encrypt(this.cipher.decrypt(row.secretsSealed, context(id)), context(id));
        const result = await this.rows
          .createQueryBuilder()
          .update(BotConnectorEntity)
          .set({ secretsSealed: resealed })
          .where('id = :id AND version = :version', { id, version: row.version })
          .execute();
        if (result.affected) {
          changed++;
          break;
        }
        if (attempt >= 5) throw new BotConnectorChangedError(id);
      }
      onProgress(index + 1, ids.length);
    }
    return changed;
  }

  async updateSettings<S extends object>(id: string, settings: S): Promise<void> {
    await this.rows.update({ id }, { settings: settings as QueryDeepPartialEntity<Record<string, unknown>> });
  }
}

const context = (id: string) => `bot-connector:${id}:secrets`;

/** Every secret list cut to its current (first) entry. */
function currentOnly(secrets: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(secrets).map(([key, value]) => [key, Array.isArray(value) ? value.slice(0, 1) : value]));
}

function currentOnlyIfExpired(secrets: Record<string, unknown>, validUntil: Date | null): Record<string, unknown> {
  return validUntil !== null && validUntil <= new Date() ? currentOnly(secrets) : secrets;
}

function toRecord<S>(row: BotConnectorEntity): BotConnectorRecord<S> {
  return { id: row.id, connectionId: row.connectionId, name: row.name, settings: row.settings as S, createdAt: row.createdAt, updatedAt: row.updatedAt };
}
