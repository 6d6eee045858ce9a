import { InitialSchema1763700000000 as PostgresInitialSchema } from './postgres/1763700000000-initial-schema';
import { InitialSchema1763700000000 as SqliteInitialSchema } from './sqlite/1763700000000-initial-schema';

/** Each dialect's migrations in order. A test proves both leave the schema the entities describe. */
export const MIGRATIONS = {
  postgres: [PostgresInitialSchema],
  'better-sqlite3': [SqliteInitialSchema],
} as const;
