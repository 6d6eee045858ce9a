import type { DataSource } from 'typeorm';

export interface MigrationReport {
  applied: string[];
  pendingBefore: number;
}

/**
 * Applies pending migrations in one transaction each and reports progress through `log`.
 * Only the `migrate` command and the single-machine start call this; workers never do.
 */
export async function runMigrations(dataSource: DataSource, log: (line: string) => void): Promise<MigrationReport> {
  const pendingBefore = (await pendingMigrations(dataSource)).length;
  log(`migrate: ${pendingBefore} pending migration(s) on ${dataSource.options.type}`);
  const applied = await dataSource.runMigrations({ transaction: 'each' });
  for (const migration of applied) log(`migrate: applied ${migration.name}`);
  log(`migrate: schema is up to date`);
  return { applied: applied.map((migration) => migration.name), pendingBefore };
}

/** Names of migrations not yet applied (readiness fails while this is non-empty). */
export async function pendingMigrations(dataSource: DataSource): Promise<string[]> {
  const executed = new Set<string>();
  const queryRunner = dataSource.createQueryRunner();
  try {
    if (await queryRunner.hasTable(dataSource.options.migrationsTableName ?? 'migrations')) {
      const rows: { name: string }[] = await queryRunner.query(
        `SELECT name FROM ${dataSource.driver.escape(dataSource.options.migrationsTableName ?? 'migrations')}`,
      );
      for (const row of rows) executed.add(row.name);
    }
  } finally {
    await queryRunner.release();
  }
  return dataSource.migrations.map((migration) => migration.name ?? migration.constructor.name).filter((name) => !executed.has(name));
}
