import { InitialSchema1763700000000 as PostgresInitialSchema } from './postgres/1763700000000-initial-schema';
import { BotConnector1763800000000 as PostgresBotConnector } from './postgres/1763800000000-bot-connector';
import { InitialSchema1763700000000 as SqliteInitialSchema } from './sqlite/1763700000000-initial-schema';
import { BotConnector1763800000000 as SqliteBotConnector } from './sqlite/1763800000000-bot-connector';

/** Each dialect's migrations in order. A test proves both leave the schema the entities describe. */
export const MIGRATIONS = {
  postgres: [PostgresInitialSchema, PostgresBotConnector],
  'better-sqlite3': [SqliteInitialSchema, SqliteBotConnector],
} as const;
