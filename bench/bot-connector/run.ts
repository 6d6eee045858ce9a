import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { BotConnectorRepository, ConnectionRepository, createDataSource, runMigrations } from '@genesys-bridge/persistence';
import { generateKeyringEntry, parseKeyring, SecretCipher } from '@genesys-bridge/secrets';
import { freePort, type RunningProcess, startProcess, waitFor, waitForHttpStatus } from '@genesys-bridge/testing';

/**
 * bench/bot-connector: Bot Connector v1 turns through the real bot-connector process (auth, validation,
 * de-duplication, session, adapter call, conversion, persistence on SQLite) against a raw node:http
 * pass-through that makes the same HTTP hop to the same bot stub, measured in the same run.
 *
 *   npm run bench:bot-connector        (BENCH_SECONDS=10 BENCH_RATE=200 BENCH_CONNECTIONS=50 to change)
 */
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const RATE = Number(process.env.BENCH_RATE ?? 200);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const SESSIONS = 200;
const VERIFY_TOKEN = 'bench-verify-token';

/** Starts one of upstreams.ts' servers as its own process and returns its URL. */
async function startUpstream(args: string[]): Promise<{ url: string; process: RunningProcess }> {
  const upstream = startProcess('dist/bench/bot-connector/upstreams.js', { PATH: process.env.PATH }, args);
  const line = await waitFor(() => /listening on (http:\S+)/.exec(upstream.output())?.[1], { what: `bench upstream ${args[0]}` });
  return { url: line, process: upstream };
}

function turnRequests(path: string): autocannon.Request[] {
  let counter = 0;
  return [
    {
      method: 'POST' as const,
      path,
      headers: { 'content-type': 'application/json', 'verify-token': VERIFY_TOKEN },
      setupRequest: (request: autocannon.Request) => {
        counter++;
        return {
          ...request,
          body: JSON.stringify({
            botId: 'bench-bot',
            botVersion: '1',
            botSessionId: `bench-session-${counter % SESSIONS}`,
            messageId: `bench-${process.pid}-${counter}`,
            inputMessage: { type: 'Text', text: 'hello' },
            languageCode: 'en-us',
            botSessionTimeout: 60,
          }),
        };
      },
    },
  ];
}

async function measure(url: string, path: string, options: { connections: number; overallRate?: number }) {
  const result = await autocannon({ url, requests: turnRequests(path), duration: SECONDS, connections: options.connections, overallRate: options.overallRate });
  const non2xx = result.non2xx + result.errors + result.timeouts;
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, non2xx, total: result.requests.total };
}

async function main() {
  const bot = await startUpstream(['bot']);
  const botUrl = bot.url;
  const passThrough = await startUpstream(['pass-through', botUrl]);
  const passThroughUrl = passThrough.url;

  const dir = mkdtempSync(join(tmpdir(), 'bench-bc-'));
  const keys = generateKeyringEntry('k1');
  // BENCH_DATABASE_URL=postgres://… runs the same bench on PostgreSQL (a fresh database you created for it).
  const settings = { SQLITE_PATH: join(dir, 'bench.sqlite'), DATABASE_URL: process.env.BENCH_DATABASE_URL };
  const dataSource = await createDataSource(settings).initialize();
  await runMigrations(dataSource, () => undefined);
  const cipher = new SecretCipher(parseKeyring(keys));
  const connection = await new ConnectionRepository(dataSource, cipher).create({ name: 'bench', genesysRegion: 'eu-west-1', genesysClientId: 'c', genesysClientSecret: 's', botPlatform: 'generic', botPlatformSettings: {} });
  const connector = await new BotConnectorRepository(dataSource, cipher).create({
    connectionId: connection.id,
    name: 'bench',
    settings: { adapter: { platform: 'generic', url: botUrl, allowPrivateNetworks: true }, bots: [{ id: 'bench-bot', name: 'Bench' }] },
    secrets: { verifyTokens: [VERIFY_TOKEN] },
  });
  await dataSource.destroy();

  const port = await freePort();
  const bridge = startProcess('dist/apps/bot-connector/src/main.js', {
    SQLITE_PATH: settings.SQLITE_PATH,
    DATABASE_URL: settings.DATABASE_URL,
    SECRETS_KEYS: keys,
    HOST: '127.0.0.1',
    PORT: String(port),
    LOG_LEVEL: 'warn',
    REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
  });
  const bridgeUrl = `http://127.0.0.1:${port}`;
  await waitForHttpStatus(`${bridgeUrl}/health/ready`).catch((error) => {
    throw new Error(`bot-connector did not become ready: ${error.message}\n${bridge.output()}`);
  });
  const bridgePath = `/bot-connector/v1/${connector.id}`;

  console.log(`bench: database ${settings.DATABASE_URL ? 'PostgreSQL' : 'SQLite'}`);
  console.log(`bench: warming up (${SECONDS}s per run, ${CONNECTIONS} connections for throughput, ${RATE} turns/s for latency)`);
  await measure(bridgeUrl, bridgePath, { connections: 10, overallRate: 100 });
  const rows = {
    'throughput: pass-through': await measure(passThroughUrl, '/', { connections: CONNECTIONS }),
    'throughput: bot-connector': await measure(bridgeUrl, bridgePath, { connections: CONNECTIONS }),
    [`latency @${RATE}/s: pass-through`]: await measure(passThroughUrl, '/', { connections: 10, overallRate: RATE }),
    [`latency @${RATE}/s: bot-connector`]: await measure(bridgeUrl, bridgePath, { connections: 10, overallRate: RATE }),
  };
  await Promise.all([bridge.stop(), bot.process.stop(), passThrough.process.stop()]);
  rmSync(dir, { recursive: true, force: true });

  console.log('\n| run | turns/s | p50 ms | p99 ms | errors |\n|---|---|---|---|---|');
  for (const [name, row] of Object.entries(rows)) console.log(`| ${name} | ${row.rps.toFixed(0)} | ${row.p50} | ${row.p99} | ${row.non2xx} |`);
  const throughputRatio = rows['throughput: bot-connector'].rps / rows['throughput: pass-through'].rps;
  const latencyBase = rows[`latency @${RATE}/s: pass-through`];
  const latencyBridge = rows[`latency @${RATE}/s: bot-connector`];
  console.log(`\nthroughput ratio (bot-connector / pass-through): ${throughputRatio.toFixed(2)}  (aim ≥ 0.50)`);
  console.log(`added latency at ${RATE} turns/s: p50 ${latencyBridge.p50 - latencyBase.p50} ms, p99 ${latencyBridge.p99 - latencyBase.p99} ms  (aim p99 ≤ 5 ms)`);
  process.exit(0);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
