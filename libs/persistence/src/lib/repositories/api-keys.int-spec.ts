import { generateKeyringEntry, parseKeyring, SecretCipher } from '@genesys-bridge/secrets';
import { createTestDatabase, DIALECTS, type TestDatabase } from '@genesys-bridge/testing';
import type { DataSource } from 'typeorm';
import { createDataSource } from '../data-source.factory';
import { runMigrations } from '../migration-runner';
import { API_KEY_PREFIX, ApiKeyRepository, hashApiKey } from './api-key.repository';
import { AuditLogRepository } from './audit-log.repository';
import { ConnectionRepository } from './connection.repository';

const actor = { apiKeyId: null, apiKeyName: 'test' };

describe.each(DIALECTS)('api keys and audit log on %s', (dialect) => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let keys: ApiKeyRepository;
  let audit: AuditLogRepository;
  let connectionId: string;

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    dataSource = await createDataSource(database.settings).initialize();
    await runMigrations(dataSource, () => undefined);
    keys = new ApiKeyRepository(dataSource);
    audit = new AuditLogRepository(dataSource);
    const connections = new ConnectionRepository(dataSource, new SecretCipher(parseKeyring(generateKeyringEntry('k1'))));
    connectionId = (await connections.create({ name: 'acme', genesysRegion: 'eu-west-1', genesysClientId: 'c', genesysClientSecret: 's', botPlatform: 'generic', botPlatformSettings: {} })).id;
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  it('stores only the hash of a new key, finds it by the key and audits the creation in the same transaction', async () => {
    const { record, key } = await keys.create({ name: 'ops', scope: 'admin', connectionId }, actor);
    expect(key).toMatch(new RegExp(`^${API_KEY_PREFIX}[A-Za-z0-9_-]{43}$`));
    const [row] = await dataSource.query(`SELECT * FROM api_keys WHERE id = '${record.id}'`);
    expect(JSON.stringify(row)).not.toContain(key.slice(API_KEY_PREFIX.length));
    expect(row.key_hash).toBe(hashApiKey(key));
    expect(await keys.findActiveByKey(key)).toMatchObject({ id: record.id, scope: 'admin', connectionId });
    expect(await keys.findActiveByKey(`${key}x`)).toBeNull();
    const [entry] = await audit.list({ connectionId });
    expect(entry).toMatchObject({ action: 'api-key.create', apiKeyName: 'test', changes: { apiKeyId: record.id, scope: 'admin' } });
    expect(JSON.stringify(entry)).not.toContain(key);
  });

  it('revokes a key once: it stops authenticating, stays listed with revokedAt, and the revocation is audited', async () => {
    const { record, key } = await keys.create({ name: 'temp', scope: 'read-only' }, actor);
    expect(await keys.revoke(record.id, actor)).toBe(true);
    expect(await keys.revoke(record.id, actor)).toBe(false);
    expect(await keys.findActiveByKey(key)).toBeNull();
    expect((await keys.list()).map((k) => k.id)).not.toContain(record.id);
    expect((await keys.list({ includeRevoked: true })).find((k) => k.id === record.id)?.revokedAt).toBeInstanceOf(Date);
    expect((await audit.list({ connectionId: null })).map((e) => e.action).sort()).toEqual(['api-key.create', 'api-key.revoke']);
  });

  it('lists the keys of one connection and records their last use', async () => {
    const bound = await keys.list({ connectionId });
    expect(bound.map((k) => k.name)).toEqual(['ops']);
    await keys.markUsed(bound[0].id, new Date('2026-01-02T03:04:05Z'));
    expect((await keys.findById(bound[0].id))?.lastUsedAt?.toISOString()).toBe('2026-01-02T03:04:05.000Z');
  });

  it('pages the audit log newest first', async () => {
    const all = await audit.list({ limit: 500 });
    expect(all.length).toBeGreaterThanOrEqual(3);
    const older = await audit.list({ before: all[0].at, limit: 500 });
    expect(older.every((entry) => entry.at < all[0].at)).toBe(true);
  });
});
