import { InitialSchema1763700000000 as PostgresInitialSchema } from './postgres/1763700000000-initial-schema';
import { BotConnector1763800000000 as PostgresBotConnector } from './postgres/1763800000000-bot-connector';
import { Handovers1763900000000 as PostgresHandovers } from './postgres/1763900000000-handovers';
import { TenantRegistry1764000000000 as PostgresTenantRegistry } from './postgres/1764000000000-tenant-registry';
import { EndDetection1764100000000 as PostgresEndDetection } from './postgres/1764100000000-end-detection';
import { InitialSchema1763700000000 as SqliteInitialSchema } from './sqlite/1763700000000-initial-schema';
import { BotConnector1763800000000 as SqliteBotConnector } from './sqlite/1763800000000-bot-connector';
import { Handovers1763900000000 as SqliteHandovers } from './sqlite/1763900000000-handovers';
import { TenantRegistry1764000000000 as SqliteTenantRegistry } from './sqlite/1764000000000-tenant-registry';
import { EndDetection1764100000000 as SqliteEndDetection } from './sqlite/1764100000000-end-detection';

/** Each dialect's migrations in order. A test proves both leave the schema the entities describe. */
export const MIGRATIONS = {
  postgres: [PostgresInitialSchema, PostgresBotConnector, PostgresHandovers, PostgresTenantRegistry, PostgresEndDetection],
  'better-sqlite3': [SqliteInitialSchema, SqliteBotConnector, SqliteHandovers, SqliteTenantRegistry, SqliteEndDetection],
} as const;
