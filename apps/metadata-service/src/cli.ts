import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { loadEnv } from '@genesys-bridge/config';
import { API_KEY_SCOPES, type ApiKeyScope, ApiKeyRepository, BotConnectorRepository, ConnectionRepository, createDataSource } from '@genesys-bridge/persistence';
import { parseKeyring, SecretCipher } from '@genesys-bridge/secrets';
import { runEntrypoint } from '@genesys-bridge/service-runtime';
import { MetadataServiceEnv } from './config/metadata-service.env';
import { reencryptEverything } from './registry/reencrypt';

const USAGE = `usage: node dist/apps/metadata-service/src/cli.js <command>   (or npm run api-key -- … / npm run rotate-keys)
  api-key create --scope admin|read-only --name <name> [--connection <connectionId>]
                                 create an admin API key and print it once (only its hash is stored)
  api-key list                   list the keys (never the keys themselves)
  api-key revoke <apiKeyId>      revoke a key
  rotate-keys                    re-encrypt every stored secret with the first key of SECRETS_KEYS (idempotent)`;

/** The audit log's name for changes made from this command line. */
const CLI_ACTOR = { apiKeyId: null, apiKeyName: 'cli' };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

runEntrypoint('metadata-service-cli', async () => {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { scope: { type: 'string' }, name: { type: 'string' }, connection: { type: 'string' } },
  });
  const [command, verb, id] = positionals;
  const env = loadEnv(MetadataServiceEnv);
  const keyring = parseKeyring(env.SECRETS_KEYS);
  const cipher = new SecretCipher(keyring);
  const dataSource = await createDataSource(env, 'genesys-bridge-cli').initialize();
  try {
    if (command === 'api-key' && verb === 'create') {
      const scope = values.scope as ApiKeyScope | undefined;
      if (!scope || !API_KEY_SCOPES.includes(scope)) throw usage(`--scope must be one of ${API_KEY_SCOPES.join(', ')}`);
      if (!values.name?.trim()) throw usage('--name is required');
      const connectionId = values.connection ?? null;
      if (connectionId !== null && (!UUID.test(connectionId) || !(await new ConnectionRepository(dataSource, cipher).findById(connectionId)))) {
        throw usage(`connection ${connectionId} does not exist`);
      }
      const { record, key } = await new ApiKeyRepository(dataSource).create({ name: values.name.trim(), scope, connectionId }, CLI_ACTOR);
      console.log(`API key ${record.id} (${record.name}, ${record.scope}, ${record.connectionId ? `connection ${record.connectionId}` : 'all connections'}) created.`);
      console.log(`Key (shown once, only its hash is stored): ${key}`);
    } else if (command === 'api-key' && verb === 'list') {
      for (const record of await new ApiKeyRepository(dataSource).list({ includeRevoked: true })) {
        const state = record.revokedAt ? `revoked ${record.revokedAt.toISOString()}` : `last used ${record.lastUsedAt?.toISOString() ?? 'never'}`;
        console.log(`${record.id}  ${record.scope.padEnd(9)}  ${(record.connectionId ?? 'all connections').padEnd(36)}  ${record.name}  (${state})`);
      }
    } else if (command === 'api-key' && verb === 'revoke' && id) {
      if (!UUID.test(id) || !(await new ApiKeyRepository(dataSource).revoke(id, CLI_ACTOR))) throw usage(`API key ${id} does not exist or is already revoked`);
      console.log(`API key ${id} revoked`);
    } else if (command === 'rotate-keys') {
      console.log(`rotate-keys: re-encrypting every stored secret with key "${keyring.activeKeyId}" (the first of SECRETS_KEYS)`);
      const onlyActiveKey = new SecretCipher({ activeKeyId: keyring.activeKeyId, keys: new Map([[keyring.activeKeyId, keyring.keys.get(keyring.activeKeyId) as Buffer]]) });
      const report = await reencryptEverything(
        { connections: new ConnectionRepository(dataSource, cipher), botConnectors: new BotConnectorRepository(dataSource, cipher) },
        { connections: new ConnectionRepository(dataSource, onlyActiveKey), botConnectors: new BotConnectorRepository(dataSource, onlyActiveKey) },
        dataSource,
        keyring.activeKeyId,
        (line) => console.log(`rotate-keys: ${line}`),
      );
      console.log(
        `rotate-keys: done — ${report.connections.changed} of ${report.connections.total} connection(s) and ${report.botConnectors.changed} of ` +
          `${report.botConnectors.total} bot connector(s) re-encrypted; every secret now opens with "${keyring.activeKeyId}", so older keys can be removed from SECRETS_KEYS`,
      );
    } else {
      throw usage();
    }
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(error.message);
    process.exitCode = 2;
  } finally {
    await dataSource.destroy();
  }
});

class UsageError extends Error {}

function usage(problem?: string): UsageError {
  return new UsageError(problem ? `${problem}\n${USAGE}` : USAGE);
}
