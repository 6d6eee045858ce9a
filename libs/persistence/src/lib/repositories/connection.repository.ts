import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager, QueryDeepPartialEntity, Repository } from 'typeorm';
import type { SecretCipher } from '@genesys-bridge/secrets';
import { ConnectionEntity, type SecretsMeta } from '../entities';
import { inTransaction } from '../transactions';
import { type AuditActor, type AuditChanges, AuditLogRepository } from './audit-log.repository';
import { connectionChanges, secretNamesOf } from './connection-changes';

/** A connection as the rest of the system sees it: no secret in it. */
export interface Connection {
  id: string;
  name: string;
  genesysRegion: string;
  genesysApiBaseUrl: string | null;
  genesysLoginBaseUrl: string | null;
  genesysClientId: string;
  openMessagingIntegrationId: string | null;
  botConnectorIntegrationId: string | null;
  botPlatform: string;
  botPlatformSettings: Record<string, unknown>;
  /** Set while the connection is disabled: its intake endpoints refuse it. */
  disabledAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  /** Optimistic concurrency: `update` only applies to the version it was computed from. */
  version: number;
}

/** A value of `botPlatformSecrets`: one secret, or a list (current first, previous while rotating). */
export type PlatformSecretValue = string | string[];

/** Decrypted secrets, read only by the code that calls Genesys or the bot platform. */
export interface ConnectionSecrets {
  genesysClientSecret: string;
  webhookSecret: string | null;
  /** The secret before the last rotation; null once its grace period (`previousValidUntil`) is over. */
  webhookSecretPrevious: string | null;
  botPlatformSecrets: Record<string, string>;
}

export type WebhookSecrets = Pick<ConnectionSecrets, 'webhookSecret' | 'webhookSecretPrevious'> & { disabled: boolean };

export type NewConnection = Omit<
  Connection,
  'id' | 'createdAt' | 'updatedAt' | 'version' | 'disabledAt' | 'genesysApiBaseUrl' | 'genesysLoginBaseUrl' | 'openMessagingIntegrationId' | 'botConnectorIntegrationId'
> &
  Partial<Pick<Connection, 'genesysApiBaseUrl' | 'genesysLoginBaseUrl' | 'openMessagingIntegrationId' | 'botConnectorIntegrationId'>> & {
    genesysClientSecret: string;
    webhookSecret?: string | null;
    botPlatformSecrets?: Record<string, PlatformSecretValue>;
  };

/**
 * A change to a connection. Absent fields stay; `null` clears a nullable field. `botPlatformSettings` replaces the
 * whole object (the caller merges); `botPlatformSecrets` is merged key by key, `null` removing a key. Setting
 * `webhookSecret` here replaces it without a grace period (use `rotateWebhookSecret` to keep the previous one valid).
 */
export interface ConnectionPatch {
  name?: string;
  genesysRegion?: string;
  genesysApiBaseUrl?: string | null;
  genesysLoginBaseUrl?: string | null;
  genesysClientId?: string;
  genesysClientSecret?: string;
  openMessagingIntegrationId?: string | null;
  botConnectorIntegrationId?: string | null;
  webhookSecret?: string | null;
  botPlatform?: string;
  botPlatformSettings?: Record<string, unknown>;
  botPlatformSecrets?: Record<string, PlatformSecretValue | null>;
}

/** Whether each secret is set, and when it was last written; never a value. */
export interface SecretState {
  set: boolean;
  setAt: string | null;
  rotatedAt: string | null;
}

export interface ConnectionSecretStatus {
  genesysClientSecret: SecretState;
  webhookSecret: SecretState & { previous: { set: boolean; validUntil: string | null } };
  botPlatformSecrets: Record<string, SecretState>;
}

export class ConnectionNotFoundError extends Error {
  override readonly name = 'ConnectionNotFoundError';
  constructor(readonly connectionId: string) {
    super(`connection ${connectionId} does not exist`);
  }
}

/** The connection changed between reading it and writing the change computed from it. */
export class ConnectionChangedError extends Error {
  override readonly name = 'ConnectionChangedError';
  constructor(readonly connectionId: string) {
    super(`connection ${connectionId} was changed concurrently; read it again and retry`);
  }
}

type SealedField = 'genesysClientSecretSealed' | 'webhookSecretSealed' | 'webhookSecretPreviousSealed' | 'botPlatformSecretsSealed';
const SEALED_FIELDS: readonly SealedField[] = ['genesysClientSecretSealed', 'webhookSecretSealed', 'webhookSecretPreviousSealed', 'botPlatformSecretsSealed'];

/** What to write in the audit log with a change: who did it (the action and field names are derived here). */
export interface AuditedBy {
  actor: AuditActor;
}

/**
 * The tenant registry. Every secret is sealed with the row id and column as context before it is written; every
 * change made with an `AuditedBy` is recorded in `audit_log` in the same transaction (field names only).
 */
export class ConnectionRepository {
  private readonly rows: Repository<ConnectionEntity>;
  private readonly audit: AuditLogRepository;

  constructor(
    private readonly dataSource: DataSource,
    private readonly cipher: SecretCipher,
  ) {
    this.rows = dataSource.getRepository(ConnectionEntity);
    this.audit = new AuditLogRepository(dataSource);
  }

  /** Stores a new connection. A duplicate name fails with a unique violation (see `isUniqueViolation`). */
  async create(input: NewConnection, audited?: AuditedBy): Promise<Connection> {
    const id = randomUUID();
    const now = new Date().toISOString();
    const platformSecrets = input.botPlatformSecrets ?? {};
    const secretNames = ['genesysClientSecret', ...(input.webhookSecret ? ['webhookSecret'] : []), ...Object.keys(platformSecrets).map((key) => `botPlatformSecrets.${key}`)];
    const row = this.rows.create({
      id,
      name: input.name,
      genesysRegion: input.genesysRegion,
      genesysApiBaseUrl: input.genesysApiBaseUrl ?? null,
      genesysLoginBaseUrl: input.genesysLoginBaseUrl ?? null,
      genesysClientId: input.genesysClientId,
      openMessagingIntegrationId: input.openMessagingIntegrationId ?? null,
      botConnectorIntegrationId: input.botConnectorIntegrationId ?? null,
      botPlatform: input.botPlatform,
      botPlatformSettings: input.botPlatformSettings,
      genesysClientSecretSealed: this.seal(id, 'genesysClientSecretSealed', input.genesysClientSecret),
      webhookSecretSealed: this.sealOptional(id, 'webhookSecretSealed', input.webhookSecret),
      webhookSecretPreviousSealed: null,
      webhookSecretPreviousValidUntil: null,
      botPlatformSecretsSealed: input.botPlatformSecrets ? this.seal(id, 'botPlatformSecretsSealed', JSON.stringify(platformSecrets)) : null,
      secretsMeta: Object.fromEntries(secretNames.map((name) => [name, { setAt: now }])),
      disabledAt: null,
    });
    return inTransaction(this.dataSource, async (manager) => {
      const saved = await manager.getRepository(ConnectionEntity).save(row);
      if (audited) await this.record(manager, audited, 'connection.create', id, connectionChanges(input));
      return toConnection(saved);
    });
  }

  async findById(id: string): Promise<Connection | null> {
    const row = await this.rows.findOneBy({ id });
    return row ? toConnection(row) : null;
  }

  async findByName(name: string): Promise<Connection | null> {
    const row = await this.rows.findOneBy({ name });
    return row ? toConnection(row) : null;
  }

  /** Every connection, or those with the given ids, by name. */
  async list(filter: { ids?: readonly string[] } = {}): Promise<Connection[]> {
    if (filter.ids && filter.ids.length === 0) return [];
    const query = this.rows.createQueryBuilder('c').orderBy('c.name', 'ASC');
    if (filter.ids) query.where('c.id IN (:...ids)', { ids: [...filter.ids] });
    return (await query.getMany()).map(toConnection);
  }

  async readSecrets(id: string, now: Date = new Date()): Promise<ConnectionSecrets> {
    const row = await this.rows.findOneBy({ id });
    if (!row) throw new ConnectionNotFoundError(id);
    const previousValid = row.webhookSecretPreviousValidUntil === null || row.webhookSecretPreviousValidUntil > now;
    return {
      genesysClientSecret: this.open(id, 'genesysClientSecretSealed', row.genesysClientSecretSealed),
      webhookSecret: row.webhookSecretSealed ? this.open(id, 'webhookSecretSealed', row.webhookSecretSealed) : null,
      webhookSecretPrevious: row.webhookSecretPreviousSealed && previousValid ? this.open(id, 'webhookSecretPreviousSealed', row.webhookSecretPreviousSealed) : null,
      botPlatformSecrets: this.platformSecretsOf(row),
    };
  }

  /**
   * What the Open Messaging webhook needs on every call, in one read: whether the connection is disabled and its
   * current and (still valid) previous webhook secret — only those two columns are decrypted. Null when unknown.
   */
  async readWebhookSecrets(id: string, now: Date = new Date()): Promise<WebhookSecrets | null> {
    const row = await this.rows.findOne({
      select: { id: true, disabledAt: true, webhookSecretSealed: true, webhookSecretPreviousSealed: true, webhookSecretPreviousValidUntil: true },
      where: { id },
    });
    if (!row) return null;
    const previousValid = row.webhookSecretPreviousValidUntil === null || row.webhookSecretPreviousValidUntil > now;
    return {
      disabled: row.disabledAt !== null,
      webhookSecret: row.webhookSecretSealed ? this.open(id, 'webhookSecretSealed', row.webhookSecretSealed) : null,
      webhookSecretPrevious: row.webhookSecretPreviousSealed && previousValid ? this.open(id, 'webhookSecretPreviousSealed', row.webhookSecretPreviousSealed) : null,
    };
  }

  /** Which secrets are set and when they were written, for the registry's responses. */
  async secretStatus(id: string): Promise<ConnectionSecretStatus> {
    const row = await this.rows.findOneBy({ id });
    if (!row) throw new ConnectionNotFoundError(id);
    return this.statusOf(row);
  }

  /** Connections with the status of their secrets (one query), by name; `ids` narrows the list. */
  async listWithSecretStatus(filter: { ids?: readonly string[] } = {}): Promise<{ connection: Connection; secrets: ConnectionSecretStatus }[]> {
    if (filter.ids && filter.ids.length === 0) return [];
    const query = this.rows.createQueryBuilder('c').orderBy('c.name', 'ASC');
    if (filter.ids) query.where('c.id IN (:...ids)', { ids: [...filter.ids] });
    return (await query.getMany()).map((row) => ({ connection: toConnection(row), secrets: this.statusOf(row) }));
  }

  /**
   * Applies a change computed from `expectedVersion` of the connection (read with `findById`); a concurrent change
   * in between fails with ConnectionChangedError, so no update is lost. A duplicate name fails with a unique violation.
   */
  async update(id: string, expectedVersion: number, patch: ConnectionPatch, audited?: AuditedBy): Promise<Connection> {
    const current = await this.rows.findOneBy({ id });
    if (!current) throw new ConnectionNotFoundError(id);
    if (current.version !== expectedVersion) throw new ConnectionChangedError(id);
    const changes = connectionChanges(patch, current);
    const set = this.columnsFor(current, patch);
    return inTransaction(this.dataSource, async (manager) => {
      await this.conditionalUpdate(manager, id, expectedVersion, set);
      if (audited && Object.keys(changes).length > 0) await this.record(manager, audited, 'connection.update', id, changes);
      return toConnection(await manager.getRepository(ConnectionEntity).findOneByOrFail({ id }));
    });
  }

  /** Disables (refused by the intake endpoints) or enables a connection; false when it already was. */
  async setDisabled(id: string, disabled: boolean, audited?: AuditedBy): Promise<boolean> {
    return inTransaction(this.dataSource, async (manager) => {
      const rows = manager.getRepository(ConnectionEntity);
      const result = await rows
        .createQueryBuilder()
        .update(ConnectionEntity)
        .set({ disabledAt: disabled ? new Date() : null })
        .where(`id = :id AND disabled_at IS ${disabled ? 'NULL' : 'NOT NULL'}`, { id })
        .execute();
      if (!result.affected) {
        if (!(await rows.existsBy({ id }))) throw new ConnectionNotFoundError(id);
        return false;
      }
      if (audited) await this.record(manager, audited, disabled ? 'connection.disable' : 'connection.enable', id, { disabledAt: disabled ? 'set' : 'removed' });
      return true;
    });
  }

  /**
   * Starts a webhook secret rotation: the new secret becomes current and the old one stays accepted until
   * `previousValidUntil` (null = until `clearPreviousWebhookSecret`).
   */
  async rotateWebhookSecret(id: string, newSecret: string, options: { previousValidUntil?: Date | null; audited?: AuditedBy } = {}): Promise<void> {
    const row = await this.rows.findOneBy({ id });
    if (!row) throw new ConnectionNotFoundError(id);
    const current = row.webhookSecretSealed ? this.open(id, 'webhookSecretSealed', row.webhookSecretSealed) : null;
    const now = new Date().toISOString();
    const set = {
      webhookSecretSealed: this.seal(id, 'webhookSecretSealed', newSecret),
      webhookSecretPreviousSealed: this.sealOptional(id, 'webhookSecretPreviousSealed', current),
      webhookSecretPreviousValidUntil: current ? (options.previousValidUntil ?? null) : null,
      secretsMeta: { ...this.metaOf(row), webhookSecret: { setAt: now, rotatedAt: now } },
    };
    await inTransaction(this.dataSource, async (manager) => {
      await this.conditionalUpdate(manager, id, row.version, set);
      if (options.audited) {
        await this.record(manager, options.audited, 'connection.secrets.rotate', id, {
          webhookSecret: 'rotated',
          ...(set.webhookSecretPreviousValidUntil ? { previousValidUntil: set.webhookSecretPreviousValidUntil.toISOString() } : {}),
        });
      }
    });
  }

  /** Ends a rotation: only the current webhook secret is accepted from now on. */
  async clearPreviousWebhookSecret(id: string): Promise<void> {
    await this.rows.update({ id }, { webhookSecretPreviousSealed: null, webhookSecretPreviousValidUntil: null });
  }

  /**
   * Re-seals every secret still sealed with an older key (after a new key was put first in SECRETS_KEYS). Safe to
   * run again, and beside running processes: a row changed meanwhile (version) is read again.
   */
  async reencryptAll(onProgress: (done: number, total: number) => void = () => undefined): Promise<number> {
    const ids = (await this.rows.find({ select: { id: true }, order: { id: 'ASC' } })).map((row) => row.id);
    let changed = 0;
    for (const [index, id] of ids.entries()) {
      if (await this.reencryptRow(id)) changed++;
      onProgress(index + 1, ids.length);
    }
    return changed;
  }

  private async reencryptRow(id: string): Promise<boolean> {
    for (let attempt = 1; ; attempt++) {
      const row = await this.rows.findOneBy({ id });
      if (!row) return false;
      const update: Partial<Record<SealedField, string>> = {};
      for (const field of SEALED_FIELDS) {
        const sealed = row[field];
        if (sealed && this.cipher.needsReencryption(sealed)) update[field] = this.seal(row.id, field, this.open(row.id, field, sealed));
      }
      if (Object.keys(update).length === 0) return false;
      try {
        await inTransaction(this.dataSource, (manager) => this.conditionalUpdate(manager, id, row.version, update));
        return true;
      } catch (error) {
        if (!(error instanceof ConnectionChangedError) || attempt >= 5) throw error;
      }
    }
  }

  /** UPDATE … WHERE id AND version; the version column and updated_at advance with it. */
  private async conditionalUpdate(manager: EntityManager, id: string, version: number, set: Partial<ConnectionEntity>): Promise<void> {
    const result = await manager
      .createQueryBuilder()
      .update(ConnectionEntity)
      .set(set as QueryDeepPartialEntity<ConnectionEntity>)
      .where('id = :id AND version = :version', { id, version })
      .execute();
    if (!result.affected) {
      if (!(await manager.getRepository(ConnectionEntity).existsBy({ id }))) throw new ConnectionNotFoundError(id);
      throw new ConnectionChangedError(id);
    }
  }

  private columnsFor(row: ConnectionEntity, patch: ConnectionPatch): Partial<ConnectionEntity> {
    const id = row.id;
    const now = new Date().toISOString();
    const meta = this.metaOf(row);
    const set: Partial<ConnectionEntity> = {};
    for (const field of ['name', 'genesysRegion', 'genesysApiBaseUrl', 'genesysLoginBaseUrl', 'genesysClientId', 'openMessagingIntegrationId', 'botConnectorIntegrationId', 'botPlatform'] as const) {
      if (patch[field] !== undefined) Object.assign(set, { [field]: patch[field] });
    }
    if (patch.botPlatformSettings !== undefined) set.botPlatformSettings = patch.botPlatformSettings;
    if (patch.genesysClientSecret !== undefined) {
      set.genesysClientSecretSealed = this.seal(id, 'genesysClientSecretSealed', patch.genesysClientSecret);
      meta['genesysClientSecret'] = { setAt: now };
    }
    if (patch.webhookSecret !== undefined) {
      set.webhookSecretSealed = this.sealOptional(id, 'webhookSecretSealed', patch.webhookSecret);
      set.webhookSecretPreviousSealed = null;
      set.webhookSecretPreviousValidUntil = null;
      if (patch.webhookSecret) meta['webhookSecret'] = { setAt: now };
      else delete meta['webhookSecret'];
    }
    if (patch.botPlatformSecrets !== undefined) {
      const secrets: Record<string, unknown> = this.platformSecretsOf(row);
      for (const [key, value] of Object.entries(patch.botPlatformSecrets)) {
        if (value === null) {
          delete secrets[key];
          delete meta[`botPlatformSecrets.${key}`];
        } else {
          secrets[key] = value;
          meta[`botPlatformSecrets.${key}`] = { setAt: now };
        }
      }
      set.botPlatformSecretsSealed = Object.keys(secrets).length > 0 ? this.seal(id, 'botPlatformSecretsSealed', JSON.stringify(secrets)) : null;
    }
    if (patch.genesysClientSecret !== undefined || patch.webhookSecret !== undefined || patch.botPlatformSecrets !== undefined) set.secretsMeta = meta;
    return set;
  }

  /** The stored meta, or one reconstructed from the sealed columns for rows written before it existed. */
  private metaOf(row: ConnectionEntity): SecretsMeta {
    if (row.secretsMeta) return { ...row.secretsMeta };
    const setAt = row.createdAt.toISOString();
    const names = secretNamesOf({
      genesysClientSecret: true,
      webhookSecret: row.webhookSecretSealed !== null,
      botPlatformSecretKeys: Object.keys(this.platformSecretsOf(row)),
    });
    return Object.fromEntries(names.map((name) => [name, { setAt }]));
  }

  private statusOf(row: ConnectionEntity): ConnectionSecretStatus {
    const meta = this.metaOf(row);
    const state = (name: string, set: boolean): SecretState => ({ set, setAt: set ? (meta[name]?.setAt ?? null) : null, rotatedAt: set ? (meta[name]?.rotatedAt ?? null) : null });
    const previousValid = row.webhookSecretPreviousSealed !== null && (row.webhookSecretPreviousValidUntil === null || row.webhookSecretPreviousValidUntil > new Date());
    const platformKeys = Object.keys(meta)
      .filter((name) => name.startsWith('botPlatformSecrets.'))
      .map((name) => name.slice('botPlatformSecrets.'.length))
      .sort();
    return {
      genesysClientSecret: state('genesysClientSecret', true),
      webhookSecret: {
        ...state('webhookSecret', row.webhookSecretSealed !== null),
        previous: { set: previousValid, validUntil: previousValid ? (row.webhookSecretPreviousValidUntil?.toISOString() ?? null) : null },
      },
      botPlatformSecrets: Object.fromEntries(platformKeys.map((key) => [key, state(`botPlatformSecrets.${key}`, true)])),
    };
  }

  private platformSecretsOf(row: ConnectionEntity): Record<string, string> {
    return row.botPlatformSecretsSealed ? JSON.parse(this.open(row.id, 'botPlatformSecretsSealed', row.botPlatformSecretsSealed)) : {};
  }

  private async record(manager: EntityManager, audited: AuditedBy, action: string, connectionId: string, changes: AuditChanges): Promise<void> {
    await this.audit.append({ actor: audited.actor, action, connectionId, changes }, manager);
  }

  private seal(id: string, field: SealedField, plaintext: string): string {
    return this.cipher.encrypt(plaintext, `connection:${id}:${field}`);
  }

  private sealOptional(id: string, field: SealedField, plaintext: string | null | undefined): string | null {
    return plaintext ? this.seal(id, field, plaintext) : null;
  }

  private open(id: string, field: SealedField, sealed: string): string {
    return this.cipher.decrypt(sealed, `connection:${id}:${field}`);
  }
}

function toConnection(row: ConnectionEntity): Connection {
  return {
    id: row.id,
    name: row.name,
    genesysRegion: row.genesysRegion,
    genesysApiBaseUrl: row.genesysApiBaseUrl,
    genesysLoginBaseUrl: row.genesysLoginBaseUrl,
    genesysClientId: row.genesysClientId,
    openMessagingIntegrationId: row.openMessagingIntegrationId,
    botConnectorIntegrationId: row.botConnectorIntegrationId,
    botPlatform: row.botPlatform,
    botPlatformSettings: row.botPlatformSettings,
    disabledAt: row.disabledAt,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    version: row.version,
  };
}
