import type { DataSource } from 'typeorm';
import { AuditLogRepository, type BotConnectorRepository, type ConnectionRepository } from '@genesys-bridge/persistence';

export interface SecretStores {
  connections: ConnectionRepository;
  botConnectors: BotConnectorRepository;
}

export interface ReencryptReport {
  connections: { total: number; changed: number };
  botConnectors: { total: number; changed: number };
}

/** A progress line every this many rows (and at the end of each table). */
const PROGRESS_EVERY = 100;

/**
 * `npm run rotate-keys`: re-seals every sealed column of every table holding secrets (connections, bot connectors)
 * with the keyring's first key, then proves it by opening every secret again with `verify` — stores whose cipher
 * holds only that key — so the old keys can be removed afterwards. Rows already sealed with the first key are left
 * alone, so a second run (or one after an interruption) just finishes the job. Audited as `secrets.reencrypt`.
 */
export async function reencryptEverything(stores: SecretStores, verify: SecretStores, dataSource: DataSource, activeKeyId: string, log: (line: string) => void): Promise<ReencryptReport> {
  const progress = (table: string) => (done: number, total: number) => {
    if (done % PROGRESS_EVERY === 0 || done === total) log(`${table} ${done}/${total}`);
  };
  const report: ReencryptReport = { connections: { total: 0, changed: 0 }, botConnectors: { total: 0, changed: 0 } };
  report.connections.changed = await stores.connections.reencryptAll((done, total) => {
    report.connections.total = total;
    progress('connections')(done, total);
  });
  report.botConnectors.changed = await stores.botConnectors.reencryptAll((done, total) => {
    report.botConnectors.total = total;
    progress('bot connectors')(done, total);
  });
  for (const connection of await verify.connections.list()) {
    await verify.connections.readSecrets(connection.id);
    for (const connector of await verify.botConnectors.listByConnection(connection.id)) await verify.botConnectors.readSecrets(connector.id);
  }
  log(`verified: every secret opens with "${activeKeyId}" alone`);
  await new AuditLogRepository(dataSource).append({
    actor: { apiKeyId: null, apiKeyName: 'cli' },
    action: 'secrets.reencrypt',
    connectionId: null,
    changes: { activeKeyId, connections: report.connections.changed, botConnectors: report.botConnectors.changed },
  });
  return report;
}
