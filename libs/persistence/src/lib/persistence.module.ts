import { type DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { parseKeyring, SecretCipher } from '@genesys-bridge/secrets';
import { createDataSourceOptions, type DatabaseSettings } from './data-source.factory';
import { ApiKeyRepository } from './repositories/api-key.repository';
import { AuditLogRepository } from './repositories/audit-log.repository';
import { BotConnectorRepository } from './repositories/bot-connector.repository';
import { BotSessionRepository } from './repositories/bot-session.repository';
import { BotTurnRepository } from './repositories/bot-turn.repository';
import { ConnectionRepository } from './repositories/connection.repository';
import { HandoverRepository } from './repositories/handover.repository';
import { MessageRepository } from './repositories/message.repository';

export interface PersistenceSettings extends DatabaseSettings {
  SECRETS_KEYS: string;
}

/** The database connection, the secret cipher and the repositories, for any process of any app. */
@Module({})
export class PersistenceModule {
  static forRoot(settings: PersistenceSettings, applicationName: string): DynamicModule {
    return {
      module: PersistenceModule,
      global: true,
      imports: [
        TypeOrmModule.forRoot({
          ...createDataSourceOptions(settings, applicationName),
          // Fail start-up after a few seconds instead of TypeORM's default ~30 s of silent retries.
          retryAttempts: 2,
          retryDelay: 1_000,
        }),
      ],
      providers: [
        { provide: SecretCipher, useValue: new SecretCipher(parseKeyring(settings.SECRETS_KEYS)) },
        { provide: ConnectionRepository, inject: [DataSource, SecretCipher], useFactory: (ds: DataSource, cipher: SecretCipher) => new ConnectionRepository(ds, cipher) },
        { provide: MessageRepository, inject: [DataSource], useFactory: (ds: DataSource) => new MessageRepository(ds) },
        { provide: BotConnectorRepository, inject: [DataSource, SecretCipher], useFactory: (ds: DataSource, cipher: SecretCipher) => new BotConnectorRepository(ds, cipher) },
        { provide: BotSessionRepository, inject: [DataSource], useFactory: (ds: DataSource) => new BotSessionRepository(ds) },
        { provide: BotTurnRepository, inject: [DataSource], useFactory: (ds: DataSource) => new BotTurnRepository(ds) },
        { provide: HandoverRepository, inject: [DataSource], useFactory: (ds: DataSource) => new HandoverRepository(ds) },
        { provide: ApiKeyRepository, inject: [DataSource], useFactory: (ds: DataSource) => new ApiKeyRepository(ds) },
        { provide: AuditLogRepository, inject: [DataSource], useFactory: (ds: DataSource) => new AuditLogRepository(ds) },
      ],
      exports: [SecretCipher, ConnectionRepository, MessageRepository, BotConnectorRepository, BotSessionRepository, BotTurnRepository, HandoverRepository, ApiKeyRepository, AuditLogRepository],
    };
  }
}
