import 'reflect-metadata';
import { DatabaseEnv, loadEnv } from '@genesys-bridge/config';
import { createDataSource, runMigrations } from '@genesys-bridge/persistence';
import { runEntrypoint } from '@genesys-bridge/service-runtime';

/** `npm run migrate`: applies pending migrations to the configured database, then exits. */
runEntrypoint('migrate', async () => {
  const env = loadEnv(DatabaseEnv);
  const dataSource = await createDataSource(env, 'genesys-bridge-migrate').initialize();
  try {
    await runMigrations(dataSource, (line) => console.log(line));
  } finally {
    await dataSource.destroy();
  }
});
