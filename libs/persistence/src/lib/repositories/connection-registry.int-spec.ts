import { generateKeyringEntry, parseKeyring, SecretCipher } from '@genesys-bridge/secrets';
import { createTestDatabase, DIALECTS, type TestDatabase } from '@genesys-bridge/testing';
import type { DataSource } from 'typeorm';
import { createDataSource } from '../data-source.factory';
import { runMigrations } from '../migration-runner';
import { isUniqueViolation } from '../transactions';
import { AuditLogRepository } from './audit-log.repository';
import { BotConnectorRepository } from './bot-connector.repository';
import { ConnectionChangedError, ConnectionNotFoundError, ConnectionRepository, type NewConnection } from './connection.repository';

const CLIENT_SECRET = 'client-secret-VALUE-0001';
const WEBHOOK_SECRET = 'webhook-secret-VALUE-0002';
const URL_TOKEN = 'url-token-VALUE-0003';
const audited = { actor: { apiKeyId: 'k-1', apiKeyName: 'ops' } };

const newConnection = (name: string): NewConnection => ({
  name,
  genesysRegion: 'eu-west-1',
  genesysClientId: 'client-id',
  genesysClientSecret: CLIENT_SECRET,
  webhookSecret: WEBHOOK_SECRET,
  botPlatform: 'cognigy',
  botPlatformSettings: { endpointBaseUrl: 'https://endpoint.example', sendProfile: true },
  botPlatformSecrets: { urlToken: URL_TOKEN },
});

describe.each(DIALECTS)('tenant registry persistence on %s', (dialect) => {
  let database: TestDatabase;
  let dataSource: DataSource;
  const k1 = generateKeyringEntry('k1');
  let connections: ConnectionRepository;
  let audit: AuditLogRepository;

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    dataSource = await createDataSource(database.settings).initialize();
    await runMigrations(dataSource, () => undefined);
    connections = new ConnectionRepository(dataSource, new SecretCipher(parseKeyring(k1)));
    audit = new AuditLogRepository(dataSource);
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  it('creates with an audit entry of field names only, and refuses a duplicate name', async () => {
    const created = await connections.create(newConnection('acme'), audited);
    expect(created).toMatchObject({ name: 'acme', disabledAt: null, version: 1 });
    const [entry] = await audit.list({ connectionId: created.id });
    expect(entry).toMatchObject({ action: 'connection.create', apiKeyId: 'k-1', apiKeyName: 'ops' });
    expect(entry.changes).toMatchObject({ name: 'set', genesysClientSecret: 'set', webhookSecret: 'set', 'botPlatformSecrets.urlToken': 'set', 'botPlatformSettings.sendProfile': 'set' });
    const trail = JSON.stringify(await audit.list({ limit: 500 }));
    for (const secret of [CLIENT_SECRET, WEBHOOK_SECRET, URL_TOKEN, 'endpoint.example']) expect(trail).not.toContain(secret);

    const duplicate = await connections.create(newConnection('acme'), audited).catch((error: unknown) => error);
    expect(isUniqueViolation(duplicate)).toBe(true);
    expect((await audit.list({ limit: 500 })).filter((e) => e.action === 'connection.create')).toHaveLength(1);
  });

  it('reports which secrets are set and when, never their values', async () => {
    const { id } = await connections.create(newConnection('status'));
    const status = await connections.secretStatus(id);
    expect(status).toMatchObject({
      genesysClientSecret: { set: true, setAt: expect.any(String), rotatedAt: null },
      webhookSecret: { set: true, previous: { set: false, validUntil: null } },
      botPlatformSecrets: { urlToken: { set: true } },
    });
    expect(JSON.stringify(status)).not.toMatch(/VALUE/);
  });

  it('updates from a version: merges platform secrets, audits names, and refuses a stale version', async () => {
    const created = await connections.create(newConnection('updating'));
    const updated = await connections.update(
      created.id,
      created.version,
      { genesysRegion: 'eu-central-1', botPlatformSettings: { endpointBaseUrl: 'https://other.example' }, botPlatformSecrets: { urlToken: null, handoverApiKeys: ['hk-1', 'hk-0'] } },
      audited,
    );
    expect(updated).toMatchObject({ genesysRegion: 'eu-central-1', botPlatformSettings: { endpointBaseUrl: 'https://other.example' }, version: created.version + 1 });
    expect((await connections.readSecrets(created.id)).botPlatformSecrets).toEqual({ handoverApiKeys: ['hk-1', 'hk-0'] });
    expect(Object.keys((await connections.secretStatus(created.id)).botPlatformSecrets)).toEqual(['handoverApiKeys']);
    const [entry] = await audit.list({ connectionId: created.id });
    expect(entry.changes).toEqual({
      genesysRegion: 'changed',
      'botPlatformSettings.endpointBaseUrl': 'changed',
      'botPlatformSettings.sendProfile': 'removed',
      'botPlatformSecrets.urlToken': 'removed',
      'botPlatformSecrets.handoverApiKeys': 'set',
    });
    await expect(connections.update(created.id, created.version, { name: 'stale' }, audited)).rejects.toBeInstanceOf(ConnectionChangedError);
    await expect(connections.update('00000000-0000-4000-8000-000000000000', 1, { name: 'x' })).rejects.toBeInstanceOf(ConnectionNotFoundError);
    const clash = await connections.update(created.id, updated.version, { name: 'acme' }).catch((error: unknown) => error);
    expect(isUniqueViolation(clash)).toBe(true);
    expect((await connections.findById(created.id))?.name).toBe('updating');
  });

  it('disables and enables once each, audited', async () => {
    const { id } = await connections.create(newConnection('toggle'));
    expect(await connections.setDisabled(id, true, audited)).toBe(true);
    expect(await connections.setDisabled(id, true, audited)).toBe(false);
    expect((await connections.findById(id))?.disabledAt).toBeInstanceOf(Date);
    expect(await connections.setDisabled(id, false, audited)).toBe(true);
    expect((await connections.findById(id))?.disabledAt).toBeNull();
    expect((await audit.list({ connectionId: id })).map((e) => e.action).sort()).toEqual(['connection.disable', 'connection.enable']);
    await expect(connections.setDisabled('00000000-0000-4000-8000-000000000000', true)).rejects.toBeInstanceOf(ConnectionNotFoundError);
  });

  it('keeps the previous webhook secret valid until the end of its grace period only', async () => {
    const { id } = await connections.create(newConnection('grace'));
    const until = new Date(Date.now() + 3_600_000);
    await connections.rotateWebhookSecret(id, 'webhook-secret-NEXT-0004', { previousValidUntil: until, audited });
    expect(await connections.readSecrets(id)).toMatchObject({ webhookSecret: 'webhook-secret-NEXT-0004', webhookSecretPrevious: WEBHOOK_SECRET });
    expect((await connections.readSecrets(id, new Date(until.getTime() + 1))).webhookSecretPrevious).toBeNull();
    // The webhook's one-read path agrees, and knows a disabled connection.
    expect(await connections.readWebhookSecrets(id)).toEqual({ disabled: false, webhookSecret: 'webhook-secret-NEXT-0004', webhookSecretPrevious: WEBHOOK_SECRET });
    expect((await connections.readWebhookSecrets(id, new Date(until.getTime() + 1)))?.webhookSecretPrevious).toBeNull();
    await connections.setDisabled(id, true);
    expect((await connections.readWebhookSecrets(id))?.disabled).toBe(true);
    await connections.setDisabled(id, false);
    expect(await connections.readWebhookSecrets('00000000-0000-4000-8000-000000000000')).toBeNull();
    const status = await connections.secretStatus(id);
    expect(status.webhookSecret).toMatchObject({ set: true, rotatedAt: expect.any(String), previous: { set: true, validUntil: until.toISOString() } });
    const [entry] = await audit.list({ connectionId: id });
    expect(entry).toMatchObject({ action: 'connection.secrets.rotate', changes: { webhookSecret: 'rotated', previousValidUntil: until.toISOString() } });
  });

  it('re-encrypts every sealed column of connections and bot connectors with the first key, idempotently', async () => {
    const connectors = new BotConnectorRepository(dataSource, new SecretCipher(parseKeyring(k1)));
    const { id } = await connections.create(newConnection('rekey'));
    await connections.rotateWebhookSecret(id, 'webhook-secret-NEXT-0005');
    const connector = await connectors.create({ connectionId: id, name: 'rekey-connector', settings: {}, secrets: { verifyTokens: ['vt-1'] } });

    const k2 = generateKeyringEntry('k2');
    const both = new SecretCipher(parseKeyring(`${k2},${k1}`));
    const progress: string[] = [];
    expect(await new ConnectionRepository(dataSource, both).reencryptAll((done, total) => progress.push(`${done}/${total}`))).toBeGreaterThan(0);
    expect(await new BotConnectorRepository(dataSource, both).reencryptAll()).toBeGreaterThan(0);
    expect(progress.at(-1)).toMatch(/^(\d+)\/\1$/);
    expect(await new ConnectionRepository(dataSource, both).reencryptAll()).toBe(0);
    expect(await new BotConnectorRepository(dataSource, both).reencryptAll()).toBe(0);

    const onlyK2 = new SecretCipher(parseKeyring(k2));
    for (const row of await dataSource.query(`SELECT id FROM connections`)) {
      await expect(new ConnectionRepository(dataSource, onlyK2).readSecrets(row.id)).resolves.toBeDefined();
    }
    expect(await new BotConnectorRepository(dataSource, onlyK2).readSecrets(connector.id)).toEqual({ verifyTokens: ['vt-1'] });
  });

  it('rotates a bot connector verify token keeping the previous one for the grace period', async () => {
    const cipher = new SecretCipher(parseKeyring(k1));
    const connectors = new BotConnectorRepository(dataSource, cipher);
    const { id: connectionId } = await connections.create(newConnection('bc-rotate'));
    const connector = await connectors.create({ connectionId, name: 'bc', settings: {}, secrets: { verifyTokens: ['vt-a', 'vt-old'], urlToken: 'u' } });
    const until = new Date(Date.now() + 60_000);
    await connectors.rotateSecretList(connector.id, 'verifyTokens', 'vt-b', { previousValidUntil: until, actor: audited.actor });
    expect(await connectors.readSecrets(connector.id)).toEqual({ verifyTokens: ['vt-b', 'vt-a'], urlToken: 'u' });
    expect(await connectors.readSecrets(connector.id, new Date(until.getTime() + 1))).toEqual({ verifyTokens: ['vt-b'], urlToken: 'u' });
    expect((await connectors.listByConnection(connectionId)).map((c) => c.id)).toEqual([connector.id]);
    const [entry] = await audit.list({ connectionId });
    expect(entry).toMatchObject({ action: 'bot-connector.secrets.rotate', changes: { connectorId: connector.id, verifyTokens: 'rotated' } });
    expect(JSON.stringify(entry)).not.toMatch(/vt-/);
  });

  it('lists connections by name, optionally only some ids', async () => {
    const all = await connections.list();
    expect(all.map((c) => c.name)).toEqual([...all.map((c) => c.name)].sort());
    expect((await connections.list({ ids: [all[0].id] })).map((c) => c.id)).toEqual([all[0].id]);
    expect(await connections.list({ ids: [] })).toEqual([]);
  });
});
