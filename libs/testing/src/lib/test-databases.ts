import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';

// Structural copies of persistence's types: the testing lib must not depend on the libs it tests.
export type DatabaseDialect = 'better-sqlite3' | 'postgres';
export interface DatabaseSettings {
  DATABASE_URL?: string;
  SQLITE_PATH: string;
}

/** The PostgreSQL the machine runs (trust auth); each test file gets its own throw-away database in it. */
export const TEST_POSTGRES_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export const DIALECTS: readonly DatabaseDialect[] = ['better-sqlite3', 'postgres'];

export interface TestDatabase {
  dialect: DatabaseDialect;
  settings: DatabaseSettings;
  drop(): Promise<void>;
}

/** A fresh, empty database: a temporary SQLite file, or a new PostgreSQL database. */
export async function createTestDatabase(dialect: DatabaseDialect): Promise<TestDatabase> {
  if (dialect === 'better-sqlite3') {
    const dir = mkdtempSync(join(tmpdir(), 'gb-sqlite-'));
    return { dialect, settings: { SQLITE_PATH: join(dir, 'test.sqlite') }, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const name = `gb_test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  await withAdminClient((client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(TEST_POSTGRES_URL);
  url.pathname = `/${name}`;
  return {
    dialect,
    settings: { DATABASE_URL: url.toString(), SQLITE_PATH: '' },
    drop: () => withAdminClient((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}

async function withAdminClient<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: TEST_POSTGRES_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
