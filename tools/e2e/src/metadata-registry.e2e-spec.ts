import { createGenesysSim, type GenesysSim } from '@genesys-bridge/genesys-sim';
import { BotConnectorRepository, ConnectionRepository } from '@genesys-bridge/persistence';
import { generateKeyringEntry, parseKeyring, SecretCipher } from '@genesys-bridge/secrets';
import { type RunningProcess, startProcess, waitForHttpStatus } from '@genesys-bridge/testing';
import { type AppStack, countRows, startAppStack } from './support/app-stack';

/**
 * The tenant registry of metadata-service over real HTTP against the built process, a fresh SQLite file and the
 * Genesys simulator: the security acceptance of issue #5 (no key → 401, read-only cannot write, a key for connection
 * A cannot see or use B, secrets never in responses or in the process output, ciphertext in the rows, every row
 * readable with only the new key after a key rotation), CRUD with validation by field path, the SSRF refusal of
 * private callback URLs, the audit log, secret rotation with a grace period, and the Genesys credentials check.
 */

const BOOTSTRAP_KEY = 'bootstrap-admin-key-0123456789-abcdefghijkl';
const GOOD_CLIENT = { clientId: 'registry-good-client', clientSecret: 'good-client-SECRET-0123456789' };
const NO_ROUTING_CLIENT = { clientId: 'registry-no-routing', clientSecret: 'no-routing-SECRET-0123456789', permissions: ['conversation:message:receive'] };
const WEBHOOK_SECRET = 'webhook-signature-SECRET-0001';
const NEXT_WEBHOOK_SECRET = 'webhook-signature-SECRET-0002';
const URL_TOKEN = 'cognigy-url-token-SECRET-0003';
const HANDOVER_KEY = 'handover-api-key-SECRET-0004';
const VERIFY_TOKEN = 'verify-token-SECRET-0005';
const NEXT_VERIFY_TOKEN = 'verify-token-SECRET-0006';
/** Every secret value this test stores: none may appear in an answer (but the one creating an API key) or a log line. */
const SECRETS = [BOOTSTRAP_KEY, GOOD_CLIENT.clientSecret, NO_ROUTING_CLIENT.clientSecret, WEBHOOK_SECRET, NEXT_WEBHOOK_SECRET, URL_TOKEN, HANDOVER_KEY, VERIFY_TOKEN, NEXT_VERIFY_TOKEN, 'wrong-SECRET-0007'];

interface Answer<T = Record<string, unknown>> {
  status: number;
  body: T;
  text: string;
}

interface ConnectionView {
  id: string;
  name: string;
  version: number;
  enabled: boolean;
  botPlatformSettings: Record<string, unknown>;
  secrets: { genesysClientSecret: { set: boolean }; webhookSecret: { set: boolean; rotatedAt: string | null; previous: { set: boolean; validUntil: string | null } }; botPlatformSecrets: Record<string, { set: boolean }> };
}

interface ErrorBody {
  statusCode: number;
  message: string;
  errors?: { path: string; problems: string[] }[];
}

describe('metadata-service tenant registry (real process, SQLite, Genesys simulator)', () => {
  let sim: GenesysSim;
  let stack: AppStack;
  let http: RunningProcess;
  const processOutputs: (() => string)[] = [];
  const answers: string[] = [];
  const k1 = () => stack.env.SECRETS_KEYS;

  const call = async <T = Record<string, unknown>>(method: string, path: string, key: string | null, body?: unknown): Promise<Answer<T>> => {
    const response = await fetch(`${stack.url}${path}`, {
      method,
      headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(key === null ? {} : { authorization: `Bearer ${key}` }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    answers.push(text);
    return { status: response.status, body: (text ? JSON.parse(text) : {}) as T, text };
  };

  const connectionBody = (name: string, overrides: Record<string, unknown> = {}) => ({
    name,
    genesysRegion: 'eu-west-1',
    genesysApiBaseUrl: sim.url,
    genesysLoginBaseUrl: sim.url,
    genesysClientId: GOOD_CLIENT.clientId,
    genesysClientSecret: GOOD_CLIENT.clientSecret,
    openMessagingIntegrationId: '6d2c9c8e-0000-4000-8000-00000000000a',
    webhookSecret: WEBHOOK_SECRET,
    botPlatform: 'cognigy',
    botPlatformSettings: { allowPrivateCallbackUrls: true, endpointBaseUrl: 'http://127.0.0.1:9091', sendProfile: true, fallbackQueueName: 'Support' },
    botPlatformSecrets: { urlToken: URL_TOKEN, handoverApiKeys: [HANDOVER_KEY] },
    ...overrides,
  });

  async function restartWith(secretsKeys: string): Promise<void> {
    await http.stop();
    http = startProcess('dist/apps/metadata-service/src/main.js', { ...stack.env, SECRETS_KEYS: secretsKeys });
    processOutputs.push(http.output);
    await waitForHttpStatus(`${stack.url}/health/ready`);
  }

  async function cli(args: string[], secretsKeys = k1()): Promise<{ code: number | null; output: string }> {
    const run = startProcess('dist/apps/metadata-service/src/cli.js', { ...stack.env, SECRETS_KEYS: secretsKeys }, args);
    const code = await run.exited;
    return { code, output: run.output() };
  }

  let connectionA: ConnectionView;
  let connectionB: ConnectionView;
  const keys: Record<'adminAll' | 'readAll' | 'adminA' | 'readA' | 'adminB', string> = { adminAll: '', readAll: '', adminA: '', readA: '', adminB: '' };
  let connectorId: string;

  beforeAll(async () => {
    sim = await createGenesysSim({ clients: [GOOD_CLIENT, NO_ROUTING_CLIENT] });
    stack = await startAppStack('metadata-service', { ADMIN_BOOTSTRAP_KEY: BOOTSTRAP_KEY }, { worker: false });
    http = stack.http;
    processOutputs.push(stack.http.output);
  });

  afterAll(async () => {
    await http?.stop();
    await stack?.stop();
    await sim?.close();
  });

  it('answers 401 without a key, with an unknown key and with a key in the wrong scheme', async () => {
    for (const [method, path] of [['GET', '/connections'], ['POST', '/connections'], ['GET', '/api-keys'], ['GET', '/audit'], ['POST', `/connections/${crypto.randomUUID()}/check`]]) {
      expect((await call(method, path, null, method === 'POST' ? {} : undefined)).status).toBe(401);
      expect((await call(method, path, 'gbk_not-a-key', method === 'POST' ? {} : undefined)).status).toBe(401);
    }
    const basic = await fetch(`${stack.url}/connections`, { headers: { authorization: `Basic ${BOOTSTRAP_KEY}` } });
    expect(basic.status).toBe(401);
    expect((await fetch(`${stack.url}/connections`, { headers: { 'x-api-key': BOOTSTRAP_KEY } })).status).toBe(200);
  });

  it('creates connections with write-only secrets (201), refuses a duplicate name (409)', async () => {
    const created = await call<ConnectionView>('POST', '/connections', BOOTSTRAP_KEY, connectionBody('tenant-a'));
    expect(created.status).toBe(201);
    connectionA = created.body;
    expect(connectionA).toMatchObject({
      name: 'tenant-a',
      enabled: true,
      version: 1,
      botPlatformSettings: { fallbackQueueName: 'Support', sendProfile: true },
      secrets: { genesysClientSecret: { set: true }, webhookSecret: { set: true, previous: { set: false } }, botPlatformSecrets: { urlToken: { set: true }, handoverApiKeys: { set: true } } },
    });
    connectionB = (await call<ConnectionView>('POST', '/connections', BOOTSTRAP_KEY, connectionBody('tenant-b'))).body;
    expect(connectionB.id).toBeDefined();

    const duplicate = await call<ErrorBody>('POST', '/connections', BOOTSTRAP_KEY, connectionBody('tenant-a'));
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.message).toMatch(/tenant-a.*already exists/);
    expect(await countRows(stack.dataSource, 'connections')).toBe(2);
  });

  it('creates API keys over HTTP and with the command line; they are shown once and stored as hashes', async () => {
    const fromCli = await cli(['api-key', 'create', '--scope', 'admin', '--name', 'ops-cli']);
    expect(fromCli.code).toBe(0);
    keys.adminAll = /Key \(shown once[^:]*\): (gbk_\S+)/.exec(fromCli.output)?.[1] ?? '';
    expect(keys.adminAll).toMatch(/^gbk_[A-Za-z0-9_-]{43}$/);
    const badCli = await cli(['api-key', 'create', '--scope', 'superuser', '--name', 'x']);
    expect(badCli.code).toBe(2);
    expect(badCli.output).toMatch(/--scope must be one of admin, read-only/);

    const create = async (body: Record<string, unknown>, key = keys.adminAll) => {
      const answer = await call<{ key: string; id: string; scope: string; connectionId: string | null }>('POST', '/api-keys', key, body);
      expect(answer.status).toBe(201);
      return answer.body.key;
    };
    keys.readAll = await create({ name: 'dashboard', scope: 'read-only' });
    keys.adminA = await create({ name: 'tenant-a admin', scope: 'admin', connectionId: connectionA.id });
    keys.readA = await create({ name: 'tenant-a reader', scope: 'read-only' }, keys.adminA); // defaults to A
    keys.adminB = await create({ name: 'tenant-b admin', scope: 'admin', connectionId: connectionB.id });

    const rows: { key_hash: string }[] = await stack.dataSource.query('SELECT key_hash FROM api_keys');
    expect(rows).toHaveLength(5);
    const stored = JSON.stringify(rows);
    for (const key of Object.values(keys)) expect(stored).not.toContain(key.slice(4));
    const listed = await call<{ name: string; connectionId: string | null }[]>('GET', '/api-keys', keys.readAll);
    expect(listed.body.map((k) => k.name).sort()).toEqual(['dashboard', 'ops-cli', 'tenant-a admin', 'tenant-a reader', 'tenant-b admin']);
    expect(listed.text).not.toMatch(/gbk_/);
  });

  it('lets a read-only key read and refuses it every write (403)', async () => {
    expect((await call('GET', `/connections/${connectionA.id}`, keys.readAll)).status).toBe(200);
    expect((await call('GET', `/connections/${connectionA.id}`, keys.readA)).status).toBe(200);
    for (const key of [keys.readAll, keys.readA]) {
      expect((await call('PATCH', `/connections/${connectionA.id}`, key, { name: 'renamed' })).status).toBe(403);
      expect((await call('POST', `/connections/${connectionA.id}/disable`, key)).status).toBe(403);
      expect((await call('POST', `/connections/${connectionA.id}/secrets/rotate`, key, { secret: 'webhookSecret', value: NEXT_WEBHOOK_SECRET })).status).toBe(403);
      expect((await call('POST', '/api-keys', key, { name: 'x', scope: 'admin' })).status).toBe(403);
      expect((await call('POST', '/connections', key, connectionBody('tenant-x'))).status).toBe(403);
    }
    expect((await call<ConnectionView>('GET', `/connections/${connectionA.id}`, keys.readAll)).body.name).toBe('tenant-a');
  });

  it("never lets a key for connection A read or use connection B: B is unknown to it (404)", async () => {
    for (const key of [keys.adminA, keys.readA]) {
      const read = await call<ErrorBody>('GET', `/connections/${connectionB.id}`, key);
      const unknown = await call<ErrorBody>('GET', `/connections/${crypto.randomUUID()}`, key);
      expect(read.status).toBe(404);
      expect(read.body.message).toBe(`unknown connection ${connectionB.id}`);
      expect(unknown.status).toBe(404);
      expect((await call('PATCH', `/connections/${connectionB.id}`, key, { name: 'hijacked' })).status).toBe(404);
      expect((await call('POST', `/connections/${connectionB.id}/check`, key)).status).toBe(404);
      expect((await call('POST', `/connections/${connectionB.id}/disable`, key)).status).toBe(404);
      expect((await call('GET', `/audit?connectionId=${connectionB.id}`, key)).status).toBe(404);
      expect((await call<ConnectionView[]>('GET', '/connections', key)).body.map((c) => c.name)).toEqual(['tenant-a']);
    }
    const keyForB = await call<ErrorBody>('POST', '/api-keys', keys.adminA, { name: 'sneaky', scope: 'admin', connectionId: connectionB.id });
    expect(keyForB.status).toBe(400);
    expect(keyForB.body.errors).toEqual([{ path: 'connectionId', problems: ['unknown connection'] }]);
    expect((await call('POST', '/connections', keys.adminA, connectionBody('tenant-c'))).status).toBe(403);
    const bKeyId = (await call<{ id: string; name: string }[]>('GET', '/api-keys', keys.adminAll)).body.find((k) => k.name === 'tenant-b admin')?.id;
    expect((await call('DELETE', `/api-keys/${bKeyId}`, keys.adminA)).status).toBe(404);
    expect((await call<{ name: string }[]>('GET', '/api-keys', keys.adminA)).body.map((k) => k.name).sort()).toEqual(['tenant-a admin', 'tenant-a reader']);
    const lifting = await call<ErrorBody>('PATCH', `/connections/${connectionA.id}`, keys.adminA, { botPlatformSettings: { allowPrivateCallbackUrls: null } });
    expect(lifting.status).toBe(403);
    expect((await call<ConnectionView>('GET', `/connections/${connectionB.id}`, keys.adminAll)).body.name).toBe('tenant-b');
  });

  it('validates with field paths and refuses private callback URLs unless the connection allows them, writing nothing', async () => {
    const before = await countRows(stack.dataSource, 'connections');
    const privateUrl = await call<ErrorBody>('POST', '/connections', keys.adminAll, {
      ...connectionBody('tenant-ssrf'),
      botPlatformSettings: { endpointBaseUrl: 'https://127.0.0.1:9091/endpoint' },
    });
    expect(privateUrl.status).toBe(400);
    expect(privateUrl.body.errors).toEqual([
      { path: 'genesysApiBaseUrl', problems: [expect.stringMatching(/^must use https/)] },
      { path: 'genesysLoginBaseUrl', problems: [expect.stringMatching(/^must use https/)] },
      { path: 'botPlatformSettings.endpointBaseUrl', problems: [expect.stringMatching(/^127\.0\.0\.1:9091 is a private, loopback or reserved address; set botPlatformSettings\.allowPrivateCallbackUrls/)] },
    ]);
    const metadata = await call<ErrorBody>('PATCH', `/connections/${connectionB.id}`, keys.adminAll, { botPlatformSettings: { allowPrivateCallbackUrls: null, notifyUrl: 'https://169.254.169.254/latest' } });
    expect(metadata.status).toBe(400);
    expect(metadata.body.errors?.map((e) => e.path)).toEqual(['genesysApiBaseUrl', 'genesysLoginBaseUrl', 'botPlatformSettings.endpointBaseUrl', 'botPlatformSettings.notifyUrl']);

    const invalid = await call<ErrorBody>('PATCH', `/connections/${connectionA.id}`, keys.adminA, {
      genesysRegion: 'EU WEST',
      webhookSecret: 'short',
      botPlatformSettings: { sendProfile: 'yes' },
      botPlatformSecrets: { 'bad key': 'x' },
      surprise: true,
    });
    expect(invalid.status).toBe(400);
    expect(invalid.body.errors?.map((e) => e.path).sort()).toEqual(['botPlatformSecrets', 'genesysRegion', 'surprise', 'webhookSecret']);
    const settings = await call<ErrorBody>('PATCH', `/connections/${connectionA.id}`, keys.adminA, { botPlatformSettings: { sendProfile: 'yes', handoverNotices: { userJoined: 7 } } });
    expect(settings.body.errors?.map((e) => e.path)).toEqual(['botPlatformSettings.sendProfile', 'botPlatformSettings.handoverNotices']);
    const half = await call<ErrorBody>('PATCH', `/connections/${connectionA.id}`, keys.adminA, { genesysApiBaseUrl: null });
    expect(half.body.errors?.map((e) => e.path)).toEqual(['genesysApiBaseUrl']);
    expect((await call('PATCH', `/connections/${connectionA.id}`, keys.adminA, '[1,2]' as unknown)).status).toBe(400);

    expect(await countRows(stack.dataSource, 'connections')).toBe(before);
    expect((await call<ConnectionView>('GET', `/connections/${connectionA.id}`, keys.adminA)).body.version).toBe(1);
  });

  it('changes, disables and enables a connection, answering its new state', async () => {
    const patched = await call<ConnectionView>('PATCH', `/connections/${connectionA.id}`, keys.adminA, {
      name: 'tenant-a-prod',
      botPlatformSettings: { fallbackQueueName: null, fallbackQueueId: 'b8f6c2a0-0000-4000-8000-000000000001', handoverNotices: { userJoined: 'User joined' } },
      botPlatformSecrets: { urlToken: null },
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ name: 'tenant-a-prod', version: 2, botPlatformSettings: { sendProfile: true, fallbackQueueId: 'b8f6c2a0-0000-4000-8000-000000000001', handoverNotices: { userJoined: 'User joined' } } });
    expect(patched.body.botPlatformSettings).not.toHaveProperty('fallbackQueueName');
    expect(Object.keys(patched.body.secrets.botPlatformSecrets)).toEqual(['handoverApiKeys']);
    expect((await call<ErrorBody>('PATCH', `/connections/${connectionA.id}`, keys.adminAll, { name: 'tenant-b' })).status).toBe(409);

    expect((await call<ConnectionView>('POST', `/connections/${connectionA.id}/disable`, keys.adminA)).body.enabled).toBe(false);
    expect((await call<ConnectionView>('POST', `/connections/${connectionA.id}/disable`, keys.adminA)).body.enabled).toBe(false);
    const [row] = await stack.dataSource.query(`SELECT disabled_at FROM connections WHERE id = '${connectionA.id}'`);
    expect(row.disabled_at).not.toBeNull();
    expect((await call<ConnectionView>('POST', `/connections/${connectionA.id}/enable`, keys.adminA)).body.enabled).toBe(true);
  });

  it('rotates the webhook secret and a Bot Connector verify token, keeping the previous value for the grace period', async () => {
    const rotated = await call<{ previousValidUntil: string }>('POST', `/connections/${connectionA.id}/secrets/rotate`, keys.adminA, {
      secret: 'webhookSecret',
      value: NEXT_WEBHOOK_SECRET,
      graceSeconds: 3600,
    });
    expect(rotated.status).toBe(200);
    const validUntil = new Date(rotated.body.previousValidUntil).getTime();
    expect(validUntil).toBeGreaterThan(Date.now() + 3_500_000);
    expect(await stack.connections.readSecrets(connectionA.id)).toMatchObject({ webhookSecret: NEXT_WEBHOOK_SECRET, webhookSecretPrevious: WEBHOOK_SECRET });
    expect((await stack.connections.readSecrets(connectionA.id, new Date(validUntil + 1))).webhookSecretPrevious).toBeNull();
    const view = await call<ConnectionView>('GET', `/connections/${connectionA.id}`, keys.readA);
    expect(view.body.secrets.webhookSecret).toMatchObject({ set: true, rotatedAt: expect.any(String), previous: { set: true, validUntil: rotated.body.previousValidUntil } });

    connectorId = (await stack.connectors.create({ connectionId: connectionA.id, name: 'a-connector', settings: {}, secrets: { verifyTokens: [VERIFY_TOKEN] } })).id;
    const otherConnector = (await stack.connectors.create({ connectionId: connectionB.id, name: 'b-connector', settings: {}, secrets: { verifyTokens: ['b'] } })).id;
    const crossTenant = await call<ErrorBody>('POST', `/connections/${connectionA.id}/secrets/rotate`, keys.adminA, { secret: 'botConnectorVerifyToken', value: NEXT_VERIFY_TOKEN, connectorId: otherConnector });
    expect(crossTenant.body.errors).toEqual([{ path: 'connectorId', problems: ['no bot connector with this id belongs to the connection'] }]);
    const noConnector = await call<ErrorBody>('POST', `/connections/${connectionA.id}/secrets/rotate`, keys.adminA, { secret: 'botConnectorVerifyToken', value: NEXT_VERIFY_TOKEN });
    expect(noConnector.body.errors?.map((e) => e.path)).toEqual(['connectorId']);
    const token = await call('POST', `/connections/${connectionA.id}/secrets/rotate`, keys.adminA, { secret: 'botConnectorVerifyToken', value: NEXT_VERIFY_TOKEN, connectorId, graceSeconds: 60 });
    expect(token.status).toBe(200);
    expect(await stack.connectors.readSecrets(connectorId)).toEqual({ verifyTokens: [NEXT_VERIFY_TOKEN, VERIFY_TOKEN] });
    expect(await stack.connectors.readSecrets(connectorId, new Date(Date.now() + 61_000))).toEqual({ verifyTokens: [NEXT_VERIFY_TOKEN] });
  });

  it('checks the Genesys credentials: ok, bad client, missing permission, unknown region', async () => {
    const ok = await call<{ ok: boolean; problems: unknown[] }>('POST', `/connections/${connectionA.id}/check`, keys.readA);
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ ok: true, problems: [] });

    const bad = (await call<ConnectionView>('POST', '/connections', keys.adminAll, connectionBody('tenant-bad-secret', { genesysClientSecret: 'wrong-SECRET-0007' }))).body;
    const badCheck = await call<{ ok: boolean; problems: { code: string; message: string }[] }>('POST', `/connections/${bad.id}/check`, keys.adminAll);
    expect(badCheck.body).toEqual({ ok: false, problems: [{ code: 'bad-client', message: expect.stringContaining(`refused the OAuth client ${GOOD_CLIENT.clientId}`) }], apiBaseUrl: sim.url, loginBaseUrl: sim.url });

    const noRouting = (await call<ConnectionView>('POST', '/connections', keys.adminAll, connectionBody('tenant-no-routing', { genesysClientId: NO_ROUTING_CLIENT.clientId, genesysClientSecret: NO_ROUTING_CLIENT.clientSecret }))).body;
    const permission = await call<{ problems: { code: string; message: string }[] }>('POST', `/connections/${noRouting.id}/check`, keys.adminAll);
    expect(permission.body.problems).toEqual([{ code: 'missing-permission', message: expect.stringContaining('routing:queue:view') }]);

    const nowhere = (
      await call<ConnectionView>('POST', '/connections', keys.adminAll, connectionBody('tenant-nowhere', { genesysRegion: 'xx-nowhere-1', genesysApiBaseUrl: null, genesysLoginBaseUrl: null }))
    ).body;
    const region = await call<{ ok: boolean; problems: { code: string; message: string }[] }>('POST', `/connections/${nowhere.id}/check`, keys.adminAll);
    expect(region.body).toEqual({ ok: false, problems: [{ code: 'unknown-region', message: expect.stringContaining('Unknown Genesys Cloud region "xx-nowhere-1"') }] });
  });

  it('keeps an audit log of every change: who, what (field names only), when, which connection', async () => {
    const trail = await call<{ entries: { action: string; apiKeyName: string; apiKeyId: string | null; connectionId: string | null; changes: Record<string, unknown> }[] }>(
      'GET',
      `/audit?connectionId=${connectionA.id}`,
      keys.readA,
    );
    expect(trail.status).toBe(200);
    const actions = trail.body.entries.map((e) => `${e.action} by ${e.apiKeyName}`);
    expect(actions).toEqual(
      expect.arrayContaining([
        'connection.create by ADMIN_BOOTSTRAP_KEY',
        'api-key.create by ops-cli',
        'api-key.create by tenant-a admin',
        'connection.update by tenant-a admin',
        'connection.disable by tenant-a admin',
        'connection.enable by tenant-a admin',
        'connection.secrets.rotate by tenant-a admin',
        'bot-connector.secrets.rotate by tenant-a admin',
      ]),
    );
    expect(trail.body.entries.every((e) => e.connectionId === connectionA.id)).toBe(true);
    const update = trail.body.entries.find((e) => e.action === 'connection.update');
    expect(update?.changes).toEqual({
      name: 'changed',
      'botPlatformSettings.fallbackQueueId': 'set',
      'botPlatformSettings.fallbackQueueName': 'removed',
      'botPlatformSettings.handoverNotices': 'set',
      'botPlatformSecrets.urlToken': 'removed',
    });
    expect((await call<{ entries: unknown[] }>('GET', '/audit', keys.readA)).body.entries).toHaveLength(trail.body.entries.length);
    const everything = await call<{ entries: { connectionId: string | null }[] }>('GET', '/audit?limit=500', keys.readAll);
    expect(new Set(everything.body.entries.map((e) => e.connectionId)).size).toBeGreaterThan(2);
    expect((await call<ErrorBody>('GET', '/audit?limit=0', keys.readAll)).body.errors?.map((e) => e.path)).toEqual(['limit']);
  });

  it('revokes a key: it stops working at once (401)', async () => {
    const id = (await call<{ id: string; name: string }[]>('GET', '/api-keys', keys.adminAll)).body.find((k) => k.name === 'dashboard')?.id;
    expect((await call('DELETE', `/api-keys/${id}`, keys.adminAll)).status).toBe(204);
    expect((await call('GET', '/connections', keys.readAll)).status).toBe(401);
    expect((await call('DELETE', `/api-keys/${id}`, keys.adminAll)).status).toBe(404);
    expect((await call<{ revokedAt: string | null; name: string }[]>('GET', '/api-keys?includeRevoked=true', keys.adminAll)).body.find((k) => k.name === 'dashboard')?.revokedAt).toEqual(expect.any(String));
  });

  it('stores ciphertext only: no secret value in any row', async () => {
    const rows = JSON.stringify([
      ...(await stack.dataSource.query('SELECT * FROM connections')),
      ...(await stack.dataSource.query('SELECT * FROM bot_connectors')),
      ...(await stack.dataSource.query('SELECT * FROM api_keys')),
      ...(await stack.dataSource.query('SELECT * FROM audit_log')),
    ]);
    for (const secret of [...SECRETS, ...Object.values(keys)]) expect(rows).not.toContain(secret);
    const sealed: { genesys_client_secret: string; webhook_secret: string }[] = await stack.dataSource.query('SELECT genesys_client_secret, webhook_secret FROM connections');
    for (const row of sealed) expect(row.genesys_client_secret).toMatch(/^gbs1\.k1\./);
  });

  it('rotates the keyring: new key first, rotate-keys, then every secret opens with the new key alone', async () => {
    const k2 = generateKeyringEntry('k2');
    await restartWith(`${k2},${k1()}`);
    // Written while both keys are in the keyring: sealed with k2 already.
    expect((await call('PATCH', `/connections/${connectionB.id}`, keys.adminB, { genesysClientSecret: GOOD_CLIENT.clientSecret })).status).toBe(200);

    const run = await cli(['rotate-keys'], `${k2},${k1()}`);
    expect(run.code).toBe(0);
    expect(run.output).toMatch(/rotate-keys: connections 5\/5/);
    expect(run.output).toMatch(/rotate-keys: bot connectors 2\/2/);
    expect(run.output).toMatch(/re-encrypted; every secret now opens with "k2"/);
    const again = await cli(['rotate-keys'], `${k2},${k1()}`);
    expect(again.output).toMatch(/done — 0 of 5 connection\(s\) and 0 of 2 bot connector\(s\) re-encrypted/);

    await restartWith(k2);
    const onlyK2 = new SecretCipher(parseKeyring(k2));
    const connections = new ConnectionRepository(stack.dataSource, onlyK2);
    const connectors = new BotConnectorRepository(stack.dataSource, onlyK2);
    for (const { id } of await connections.list()) await expect(connections.readSecrets(id)).resolves.toBeDefined();
    expect((await connections.readSecrets(connectionA.id)).genesysClientSecret).toBe(GOOD_CLIENT.clientSecret);
    expect(await connectors.readSecrets(connectorId)).toEqual({ verifyTokens: [NEXT_VERIFY_TOKEN, VERIFY_TOKEN] });
    const sealed: Record<string, string | null>[] = await stack.dataSource.query('SELECT genesys_client_secret, webhook_secret, webhook_secret_previous, bot_platform_secrets FROM connections');
    for (const value of sealed.flatMap((row) => Object.values(row)).filter((v) => v !== null)) expect(value).toMatch(/^gbs1\.k2\./);

    // The restarted process (k2 only) decrypts for real: the check fetches a token with the stored client secret.
    expect((await call<{ ok: boolean }>('POST', `/connections/${connectionA.id}/check`, keys.adminA)).body.ok).toBe(true);
    expect((await call<ConnectionView[]>('GET', '/connections', keys.adminAll)).body).toHaveLength(5);
    const audit = await call<{ entries: { action: string }[] }>('GET', '/audit', keys.adminAll);
    expect(audit.body.entries.map((e) => e.action)).toContain('secrets.reencrypt');
  });

  it('never shows a secret in an answer (except a new API key, once) or in the process output', () => {
    const keyAnswers = answers.filter((text) => /"key":"gbk_/.test(text));
    expect(keyAnswers).toHaveLength(4);
    const otherAnswers = answers.filter((text) => !keyAnswers.includes(text)).join('\n');
    const logs = processOutputs.map((output) => output()).join('\n');
    expect(logs).toMatch(/metadata-service HTTP listening/);
    for (const secret of [...SECRETS, ...Object.values(keys)]) {
      expect(otherAnswers).not.toContain(secret);
      expect(logs).not.toContain(secret);
    }
    expect(logs).not.toMatch(/gbk_[A-Za-z0-9_-]{20,}/);
  });
});
