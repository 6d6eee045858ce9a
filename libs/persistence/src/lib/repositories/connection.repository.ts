import { randomUUID } from 'node:crypto';
import type { DataSource, Repository } from 'typeorm';
import type { SecretCipher } from '@genesys-bridge/secrets';
import { ConnectionEntity } from '../entities';

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
  createdAt: Date;
  updatedAt: Date;
}

/** Decrypted secrets, read only by the code that calls Genesys or the bot platform. */
export interface ConnectionSecrets {
  genesysClientSecret: string;
  webhookSecret: string | null;
  webhookSecretPrevious: string | null;
  botPlatformSecrets: Record<string, string>;
}

export type NewConnection = Omit<Connection, 'id' | 'createdAt' | 'updatedAt' | 'genesysApiBaseUrl' | 'genesysLoginBaseUrl' | 'openMessagingIntegrationId' | 'botConnectorIntegrationId'> &
  Partial<Pick<Connection, 'genesysApiBaseUrl' | 'genesysLoginBaseUrl' | 'openMessagingIntegrationId' | 'botConnectorIntegrationId'>> & {
    genesysClientSecret: string;
    webhookSecret?: string | null;
    botPlatformSecrets?: Record<string, string>;
  };

export class ConnectionNotFoundError extends Error {
  override readonly name = 'ConnectionNotFoundError';
  constructor(readonly connectionId: string) {
    super(`connection ${connectionId} does not exist`);
  }
}

type SealedField = 'genesysClientSecretSealed' | 'webhookSecretSealed' | 'webhookSecretPreviousSealed' | 'botPlatformSecretsSealed';
const SEALED_FIELDS: readonly SealedField[] = ['genesysClientSecretSealed', 'webhookSecretSealed', 'webhookSecretPreviousSealed', 'botPlatformSecretsSealed'];

/** The tenant registry. Every secret is sealed with the row id and column as context before it is written. */
export class ConnectionRepository {
  private readonly rows: Repository<ConnectionEntity>;

  constructor(
    dataSource: DataSource,
    private readonly cipher: SecretCipher,
  ) {
    this.rows = dataSource.getRepository(ConnectionEntity);
  }

  async create(input: NewConnection): Promise<Connection> {
    const id = randomUUID();
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
      botPlatformSecretsSealed: input.botPlatformSecrets ? this.seal(id, 'botPlatformSecretsSealed', JSON.stringify(input.botPlatformSecrets)) : null,
    });
    return toConnection(await this.rows.save(row));
  }

  async findById(id: string): Promise<Connection | null> {
    const row = await this.rows.findOneBy({ id });
    return row ? toConnection(row) : null;
  }

  async findByName(name: string): Promise<Connection | null> {
    const row = await this.rows.findOneBy({ name });
    return row ? toConnection(row) : null;
  }

  async readSecrets(id: string): Promise<ConnectionSecrets> {
    const row = await this.rows.findOneBy({ id });
    if (!row) throw new ConnectionNotFoundError(id);
    return {
      genesysClientSecret: this.open(id, 'genesysClientSecretSealed', row.genesysClientSecretSealed),
      webhookSecret: row.webhookSecretSealed ? this.open(id, 'webhookSecretSealed', row.webhookSecretSealed) : null,
      webhookSecretPrevious: row.webhookSecretPreviousSealed ? this.open(id, 'webhookSecretPreviousSealed', row.webhookSecretPreviousSealed) : null,
      botPlatformSecrets: row.botPlatformSecretsSealed ? JSON.parse(this.open(id, 'botPlatformSecretsSealed', row.botPlatformSecretsSealed)) : {},
    };
  }

  /** Starts a webhook secret rotation: the new secret becomes current, the old one stays accepted. */
  async rotateWebhookSecret(id: string, newSecret: string): Promise<void> {
    const secrets = await this.readSecrets(id);
    await this.rows.update(
      { id },
      {
        webhookSecretSealed: this.seal(id, 'webhookSecretSealed', newSecret),
        webhookSecretPreviousSealed: this.sealOptional(id, 'webhookSecretPreviousSealed', secrets.webhookSecret),
      },
    );
  }

  /** Ends a rotation: only the current webhook secret is accepted from now on. */
  async clearPreviousWebhookSecret(id: string): Promise<void> {
    await this.rows.update({ id }, { webhookSecretPreviousSealed: null });
  }

  /** Re-seals every secret still sealed with an older key (after a new key was put first in SECRETS_KEYS). */
  async reencryptAll(onProgress: (done: number, total: number) => void = () => undefined): Promise<number> {
    const rows = await this.rows.find({ order: { id: 'ASC' } });
    let changed = 0;
    for (const [index, row] of rows.entries()) {
      const update: Partial<Record<SealedField, string>> = {};
      for (const field of SEALED_FIELDS) {
        const sealed = row[field];
        if (sealed && this.cipher.needsReencryption(sealed)) update[field] = this.seal(row.id, field, this.open(row.id, field, sealed));
      }
      if (Object.keys(update).length > 0) {
        await this.rows.update({ id: row.id }, update);
        changed++;
      }
      onProgress(index + 1, rows.length);
    }
    return changed;
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
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}
