import { randomUUID } from 'node:crypto';
import type { DataSource, QueryDeepPartialEntity, Repository } from 'typeorm';
import type { SecretCipher } from '@genesys-bridge/secrets';
import { BotConnectorEntity } from '../entities';

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

/** Bot connectors with their secrets sealed as one JSON object bound to the row id. */
export class BotConnectorRepository {
  private readonly rows: Repository<BotConnectorEntity>;

  constructor(
    dataSource: DataSource,
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

  async readSecrets<T = Record<string, unknown>>(id: string): Promise<T> {
    const row = await this.rows.findOneBy({ id });
    if (!row) throw new BotConnectorNotFoundError(id);
    return JSON.parse(this.cipher.decrypt(row.secretsSealed, context(id)));
  }

  async updateSettings<S extends object>(id: string, settings: S): Promise<void> {
    await this.rows.update({ id }, { settings: settings as QueryDeepPartialEntity<Record<string, unknown>> });
  }
}

const context = (id: string) => `bot-connector:${id}:secrets`;

function toRecord<S>(row: BotConnectorEntity): BotConnectorRecord<S> {
  return { id: row.id, connectionId: row.connectionId, name: row.name, settings: row.settings as S, createdAt: row.createdAt, updatedAt: row.updatedAt };
}
