import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';

export interface DatabaseSettings {
  /** postgres://… ; when absent the SQLite file at `sqlitePath` is used. */
  DATABASE_URL?: string;
  SQLITE_PATH: string;
}

export type DatabaseDialect = keyof typeof MIGRATIONS;

export function databaseDialect(settings: DatabaseSettings): DatabaseDialect {
  return settings.DATABASE_URL ? 'postgres' : 'better-sqlite3';
}

/**
 * TypeORM options for either dialect. Never synchronizes and never runs migrations by itself:
 * migrations run only through `runMigrations` (the `migrate` command and the single-machine start).
 */
export function createDataSourceOptions(settings: DatabaseSettings, applicationName = 'genesys-bridge'): DataSourceOptions {
  const common = {
    entities: ENTITIES,
    synchronize: false,
    migrationsRun: false,
    migrationsTableName: 'schema_migrations',
    logging: false,
  } as const;
  if (settings.DATABASE_URL) {
    return {
      ...common,
      type: 'postgres',
      url: settings.DATABASE_URL,
      applicationName,
      migrations: [...MIGRATIONS.postgres],
      extra: { max: 10, connectionTimeoutMillis: 5_000 },
    };
  }
  const database = resolve(settings.SQLITE_PATH);
  mkdirSync(dirname(database), { recursive: true });
  return {
    ...common,
    type: 'better-sqlite3',
    database,
    // Several processes share the file under `npm start`: WAL lets readers run beside the writer,
    // and the busy timeout makes a writer wait for the lock instead of failing.
    enableWAL: true,
    timeout: 10_000,
    prepareDatabase: (db: { pragma(sql: string): unknown }) => {
      db.pragma('foreign_keys = ON');
    },
    migrations: [...MIGRATIONS['better-sqlite3']],
  };
}

export function createDataSource(settings: DatabaseSettings, applicationName?: string): DataSource {
  return new DataSource(createDataSourceOptions(settings, applicationName));
}
