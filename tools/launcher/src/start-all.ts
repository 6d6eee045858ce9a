import 'reflect-metadata';
import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import concurrently from 'concurrently';
import { DatabaseEnv, loadEnv } from '@genesys-bridge/config';
import { createDataSource, runMigrations } from '@genesys-bridge/persistence';
import { assertRedisReachable } from '@genesys-bridge/queue-runtime';
import { generateKeyringEntry } from '@genesys-bridge/secrets';

/**
 * `npm start`: everything on one machine. Checks Redis, makes sure a secrets keyring exists, applies
 * migrations once, then runs the three HTTP apps and their workers until one fails or Ctrl-C.
 */
const APPS = ['bot-connector', 'handover-gateway', 'metadata-service'] as const;
const DIST = resolve(__dirname, '..', '..', '..');
const DEFAULT_KEYRING_FILE = './data/secrets.keys';

function ensureKeyring(): void {
  if (process.env.SECRETS_KEYS || process.env.SECRETS_KEYS_FILE) return;
  const file = resolve(DEFAULT_KEYRING_FILE);
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, `${generateKeyringEntry('k1')}\n`, { mode: 0o600 });
    chmodSync(file, 0o600);
    console.log(`start: created a new secrets keyring at ${DEFAULT_KEYRING_FILE}. Back it up: tenant secrets cannot be decrypted without it.`);
  }
  process.env.SECRETS_KEYS_FILE = file;
}

async function main(): Promise<void> {
  const redisUrl = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
  await assertRedisReachable(redisUrl);
  ensureKeyring();

  const database = createDataSource(loadEnv(DatabaseEnv), 'genesys-bridge-migrate');
  await database.initialize();
  try {
    await runMigrations(database, (line) => console.log(line));
  } finally {
    await database.destroy();
  }

  const commands = APPS.flatMap((app) => [
    { name: app, command: `node ${JSON.stringify(join(DIST, 'apps', app, 'src', 'main.js'))}` },
    { name: `${app}-worker`, command: `node ${JSON.stringify(join(DIST, 'apps', app, 'src', 'worker.js'))}` },
  ]);
  console.log(`start: launching ${commands.map((c) => c.name).join(', ')}`);
  const { result } = concurrently(commands, { prefix: '{name}', killOthersOn: ['failure'], restartTries: 0 });
  await result.then(
    () => process.exit(0),
    (closed: { command: { name: string }; exitCode: number | string }[]) => {
      const failed = closed.filter((event) => event.exitCode !== 0 && event.exitCode !== 'SIGTERM' && event.exitCode !== 'SIGINT');
      if (failed.length > 0) console.error(`start: stopped because ${failed.map((event) => `${event.command.name} exited with ${event.exitCode}`).join(', ')}`);
      process.exit(failed.length > 0 ? 1 : 0);
    },
  );
}

main().catch((error: Error) => {
  console.error(`start: ${error.message}`);
  process.exit(1);
});
