import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { Queue } from 'bullmq';
import { loadEnv } from '@genesys-bridge/config';
import { BotConnectorRepository, ConnectionRepository, createDataSource, type NewConnection } from '@genesys-bridge/persistence';
import { BotListSyncJob, QueueName, SYNC_BOT_LIST_JOB_OPTIONS, syncBotListJobId } from '@genesys-bridge/queue-contracts';
import { redisConnectionOptions } from '@genesys-bridge/queue-runtime';
import { parseKeyring, SecretCipher } from '@genesys-bridge/secrets';
import { runEntrypoint } from '@genesys-bridge/service-runtime';
import { BotListSyncService } from './bot-list/bot-list-sync.service';
import { BotConnectorEnv } from './config/bot-connector.env';
import type { ConnectorSecrets } from './connectors/connector-settings';
import { parseConnectorSettings } from './connectors/connector-settings.parse';
import { ConnectorRegistry } from './connectors/connector-registry.service';
import { GenesysClients } from '@genesys-bridge/genesys-connections';

const USAGE = `usage: node dist/apps/bot-connector/src/cli.js <command>
  connection create --file <connection.json>   store a Genesys org (client secret encrypted); prints its id
  connector create --file <connector.json>     store a bot connector; prints the URLs to paste into Genesys
  bot-list sync <connectorId> [--queue]        register the connector's bots with Genesys now (or enqueue the job)`;

interface ConnectorFile {
  name: string;
  connectionId: string;
  settings: unknown;
  secrets: ConnectorSecrets;
}

runEntrypoint('bot-connector-cli', async () => {
  const { positionals, values } = parseArgs({ allowPositionals: true, options: { file: { type: 'string' }, queue: { type: 'boolean', default: false } } });
  const [noun, verb, id] = positionals;
  const env = loadEnv(BotConnectorEnv);
  const dataSource = await createDataSource(env, 'genesys-bridge-cli').initialize();
  const cipher = new SecretCipher(parseKeyring(env.SECRETS_KEYS));
  const connections = new ConnectionRepository(dataSource, cipher);
  const connectors = new BotConnectorRepository(dataSource, cipher);
  const readJson = <T>(): T => {
    if (!values.file) throw new Error(`--file is required\n${USAGE}`);
    return JSON.parse(readFileSync(values.file, 'utf8')) as T;
  };
  try {
    if (noun === 'connection' && verb === 'create') {
      const connection = await connections.create(readJson<NewConnection>());
      console.log(`connection ${connection.id} (${connection.name}) created`);
    } else if (noun === 'connector' && verb === 'create') {
      const file = readJson<ConnectorFile>();
      const settings = parseConnectorSettings(file.settings);
      if (!(await connections.findById(file.connectionId))) throw new Error(`connection ${file.connectionId} does not exist`);
      const connector = await connectors.create({ connectionId: file.connectionId, name: file.name, settings, secrets: file.secrets });
      const base = env.PUBLIC_BASE_URL.replace(/\/$/, '');
      console.log(`connector ${connector.id} (${connector.name}) created`);
      console.log(`  Bot Connector (v1) Handle Utterance URI: ${base}/bot-connector/v1/${connector.id}`);
      console.log(`  Digital Bot Connector (v2) base URL:     ${base}/bot-connector/v2/${connector.id}`);
      console.log(
        settings.auth.mode === 'verify-token'
          ? `  Genesys credential field: ${settings.auth.headerName} = the verify token from your file`
          : '  Genesys credential field: Authorization = Bearer <an HS256 JWT signed with the jwt secret from your file>',
      );
    } else if (noun === 'bot-list' && verb === 'sync' && id) {
      if (values.queue) {
        const queue = new Queue(QueueName.BotListSync, { connection: redisConnectionOptions(env.REDIS_URL, 'http'), prefix: env.QUEUE_PREFIX });
        await queue.add(BotListSyncJob.SyncBotList, { v: 1, connectorId: id }, { ...SYNC_BOT_LIST_JOB_OPTIONS, jobId: syncBotListJobId({ v: 1, connectorId: id }) });
        await queue.close();
        console.log(`bot-list sync for connector ${id} queued`);
      } else {
        const genesys = new GenesysClients(connections);
        try {
          const result = await new BotListSyncService(new ConnectorRegistry(connectors), genesys).sync(id);
          console.log(`registered ${result.bots} bot(s) with ${result.intents} intent(s) on Genesys integration ${result.integrationId}`);
        } finally {
          await genesys.onApplicationShutdown();
        }
      }
    } else {
      console.error(USAGE);
      process.exitCode = 2;
    }
  } finally {
    await dataSource.destroy();
  }
});
