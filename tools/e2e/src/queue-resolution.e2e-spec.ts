import { randomUUID } from 'node:crypto';
import { createGenesysSim, type GenesysSim, type Queue } from '@genesys-bridge/genesys-sim';
import { waitFor } from '@genesys-bridge/testing';
import { metricValue, type QueueResolutionStack, startQueueResolutionStack } from './support/queue-resolution-stack';

/**
 * Queue resolution end to end, with real processes (handover-gateway and metadata-service, HTTP and worker each, one
 * database and one Redis prefix) and the Genesys simulator: a handover's `GenesysMetaData.QueueName` becomes the
 * queue id Genesys gets as participant data; an unknown name falls back to the connection's queue and is counted; a
 * renamed queue shows within the TTL (the metadata-service worker's background refresh renews the used entry); the
 * Architect Data Action endpoints answer flat JSON behind per-connection API keys.
 */

const CLIENT = { clientId: 'queue-resolution-client', clientSecret: 'queue-resolution-client-secret' };
const WEBHOOK_SECRET = 'queue-resolution-webhook-secret-0123';
const HANDOVER_KEY = 'queue-resolution-handover-key-0123456789';
const TTL_MS = 3_000;
const REFRESH_INTERVAL_MS = 500;

interface StartedHandover {
  handoverId: string;
  attributes: Record<string, string>;
  warnings: string[];
}

describe('queue resolution (handover-gateway + metadata-service + Genesys simulator)', () => {
  let stack: QueueResolutionStack;
  let sim: GenesysSim;
  let connectionId: string;
  let otherConnectionId: string;
  let readKey: string;
  let otherTenantKey: string;
  const queues: Record<'billing' | 'general' | 'refunds' | 'refundsNew', Queue> = {} as never;

  beforeAll(async () => {
    [stack, sim] = await Promise.all([
      startQueueResolutionStack({ ROUTING_CACHE_TTL_MS: String(TTL_MS), ROUTING_NEGATIVE_CACHE_TTL_MS: '1000', ROUTING_REFRESH_INTERVAL_MS: String(REFRESH_INTERVAL_MS) }),
      createGenesysSim({ clients: [CLIENT], queues: [], skills: [{ name: 'Billing Expert' }, { name: 'Billing' }], languages: [{ name: 'French' }] }),
    ]);
    queues.billing = sim.addQueue({ name: 'Billing' });
    queues.general = sim.addQueue({ name: 'General' });
    queues.refunds = sim.addQueue({ name: 'Refunds' });
    queues.refundsNew = sim.addQueue({ name: 'Refunds (new)' });
    const create = async (name: string, botPlatformSettings: Record<string, unknown>) => {
      const integrationId = randomUUID();
      const connection = await stack.connections.create({
        name,
        genesysRegion: 'eu-west-1',
        genesysApiBaseUrl: sim.url,
        genesysLoginBaseUrl: sim.url,
        genesysClientId: CLIENT.clientId,
        genesysClientSecret: CLIENT.clientSecret,
        webhookSecret: WEBHOOK_SECRET,
        openMessagingIntegrationId: integrationId,
        botPlatform: 'generic',
        botPlatformSettings,
        botPlatformSecrets: { handoverApiKeys: [HANDOVER_KEY] } as unknown as Record<string, string>,
      });
      sim.addIntegration({
        id: integrationId,
        name,
        outboundNotificationWebhookUrl: `${stack.handoverGateway.url}/genesys/open-messaging/${connection.id}/webhook`,
        outboundNotificationWebhookSignatureSecretToken: WEBHOOK_SECRET,
      });
      return connection.id;
    };
    connectionId = await create('tenant-a', { resolveQueues: true, fallbackQueueId: queues.general.id, fallbackQueueName: 'General' });
    otherConnectionId = await create('tenant-b', {});
    const actor = { apiKeyId: null, apiKeyName: 'e2e' };
    readKey = (await stack.apiKeys.create({ name: 'architect tenant-a', scope: 'read-only', connectionId }, actor)).key;
    otherTenantKey = (await stack.apiKeys.create({ name: 'architect tenant-b', scope: 'read-only', connectionId: otherConnectionId }, actor)).key;
  });

  afterAll(async () => {
    await sim?.close();
    await stack?.stop();
  });

  async function startHandover(genesysMetaData: Record<string, unknown>, on = connectionId): Promise<StartedHandover> {
    const response = await fetch(`${stack.handoverGateway.url}/handovers/${on}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${HANDOVER_KEY}` },
      body: JSON.stringify({
        conversationId: `conv-${randomUUID()}`,
        customer: { id: `user-${randomUUID()}`, idType: 'Opaque' },
        genesysMetaData,
        firstMessage: { messageId: `first-${randomUUID()}`, text: 'I need a human' },
      }),
    });
    expect(response.status).toBe(202);
    return (await response.json()) as StartedHandover;
  }

  /** The Genesys conversation of a handover, once the worker delivered its first message. */
  async function genesysConversationOf(handoverId: string): Promise<string> {
    let conversationId: string | null = null;
    await waitFor(
      async () => {
        const rows: { genesys_conversation_id: string | null }[] = await stack.dataSource.query('SELECT genesys_conversation_id FROM handovers WHERE id = ?', [handoverId]);
        conversationId = rows[0]?.genesys_conversation_id ?? null;
        return conversationId !== null;
      },
      { timeoutMs: 30_000, intervalMs: 100, what: 'the handover to reach Genesys' },
    );
    return conversationId as unknown as string;
  }

  const customerAttributes = (conversationId: string) =>
    sim.conversation(conversationId)?.participants.find((participant) => participant.purpose === 'customer')?.attributes ?? {};

  const architect = (path: string, key: string | null = readKey) =>
    fetch(`${stack.metadataService.url}/architect/${path}`, { headers: key === null ? {} : { 'x-api-key': key } });

  async function architectJson<T = Record<string, unknown>>(path: string): Promise<T> {
    const response = await architect(path);
    expect(response.status).toBe(200);
    return (await response.json()) as T;
  }

  /** Data Actions want flat outputs: every value a string or a boolean, never null. */
  function expectFlat(body: Record<string, unknown>, nested: string[] = []): void {
    for (const [key, value] of Object.entries(body)) {
      if (nested.includes(key)) continue;
      expect([key, typeof value]).toEqual([key, expect.stringMatching(/^(string|boolean)$/)]);
    }
  }

  it('resolves GenesysMetaData.QueueName "Billing" to the Billing queue id, which reaches the Genesys customer participant', async () => {
    const started = await startHandover({ QueueName: 'Billing', intent: 'refund' });
    expect(started.attributes).toMatchObject({ QueueName: 'Billing', QueueId: queues.billing.id, QueueResolvedBy: 'exact', intent: 'refund' });
    expect(started.warnings).toEqual([]);
    const conversationId = await genesysConversationOf(started.handoverId);
    expect(customerAttributes(conversationId)).toMatchObject({ QueueName: 'Billing', QueueId: queues.billing.id, QueueResolvedBy: 'exact' });

    // A connection without resolveQueues sends the name only.
    const plain = await startHandover({ QueueName: 'Billing' }, otherConnectionId);
    expect(plain.attributes).toEqual({ QueueName: 'Billing' });
  });

  it('falls back to the connection queue for an unknown name and counts it in genesys_bridge_queue_fallbacks_total', async () => {
    const labels = { connection: connectionId, outcome: 'fallback' };
    const before = await metricValue(stack.handoverGateway.url, 'genesys_bridge_queue_fallbacks_total', labels);
    const started = await startHandover({ QueueName: 'Nowhere' });
    expect(started.attributes).toMatchObject({ QueueName: 'Nowhere', QueueId: queues.general.id, QueueResolvedBy: 'fallback' });
    expect(started.warnings).toEqual(['QueueName "Nowhere" is not a Genesys queue; the connection\'s fallback queue is used']);
    const conversationId = await genesysConversationOf(started.handoverId);
    expect(customerAttributes(conversationId)).toMatchObject({ QueueId: queues.general.id, QueueResolvedBy: 'fallback' });
    expect(await metricValue(stack.handoverGateway.url, 'genesys_bridge_queue_fallbacks_total', labels)).toBe(before + 1);
  });

  it('picks up a renamed queue within the TTL: the background refresh renews the used entry before it expires', async () => {
    const first = await startHandover({ QueueName: 'Refunds' });
    expect(first.attributes.QueueId).toBe(queues.refunds.id);
    const renamedAt = Date.now();
    sim.renameQueue(queues.refunds.id, 'Refunds (old)');
    sim.renameQueue(queues.refundsNew.id, 'Refunds');
    const cached = await startHandover({ QueueName: 'Refunds' }); // a cache hit: still the old id, and the entry is now "in use"
    expect(cached.attributes.QueueId).toBe(queues.refunds.id);

    let seen: { queueId: string; source: string } = { queueId: '', source: '' };
    await waitFor(
      async () => {
        seen = await architectJson<{ queueId: string; source: string }>(`${connectionId}/queues/resolve?name=Refunds`);
        return seen.queueId === queues.refundsNew.id;
      },
      { timeoutMs: TTL_MS + 5_000, intervalMs: 100, what: 'the renamed queue to be picked up' },
    );
    expect(Date.now() - renamedAt).toBeLessThan(TTL_MS + 2 * REFRESH_INTERVAL_MS);
    expect(seen.source).toBe('cache'); // renewed in the background, not looked up by a caller
    expect(await metricValue(stack.metadataService.workerUrl, 'genesys_bridge_routing_refreshes_total', { outcome: 'refreshed' })).toBeGreaterThanOrEqual(1);
    expect((await startHandover({ QueueName: 'Refunds' })).attributes.QueueId).toBe(queues.refundsNew.id);
  });

  it('Architect: resolves queue, skill and language names to flat JSON (exact, case-insensitive, fallback)', async () => {
    const exact = await architectJson(`${connectionId}/queues/resolve?name=${encodeURIComponent(' Billing ')}`);
    expect(exact).toEqual({ found: true, queueId: queues.billing.id, queueName: 'Billing', resolvedBy: 'exact', requestedName: 'Billing', source: expect.stringMatching(/^(cache|genesys)$/) });
    expectFlat(exact);
    expect(await architectJson(`${connectionId}/queues/resolve?name=general`)).toMatchObject({ found: true, queueId: queues.general.id, queueName: 'General', resolvedBy: 'case-insensitive' });
    const fallback = await architectJson(`${connectionId}/queues/resolve?name=Unknown%20queue`);
    expect(fallback).toMatchObject({ found: false, queueId: queues.general.id, queueName: 'General', resolvedBy: 'fallback' });
    const none = await architect(`${otherConnectionId}/queues/resolve?name=Unknown%20queue`, otherTenantKey);
    expect(await none.json()).toEqual({ found: false, queueId: '', queueName: '', resolvedBy: 'none', requestedName: 'Unknown queue', source: 'genesys' });

    const skill = await architectJson(`${connectionId}/skills/resolve?name=Billing`);
    expect(skill).toMatchObject({ found: true, skillName: 'Billing', resolvedBy: 'exact' });
    expectFlat(skill);
    expect(await architectJson(`${connectionId}/languages/resolve?name=french`)).toMatchObject({ found: true, languageName: 'French', resolvedBy: 'case-insensitive' });
    expect(await architectJson(`${connectionId}/languages/resolve?name=Klingon`)).toEqual({ found: false, languageId: '', languageName: '', resolvedBy: 'none', requestedName: 'Klingon', source: 'genesys' });
  });

  it('Architect: the metadata of a conversation our handover opened, flat, with the queue id', async () => {
    const started = await startHandover({ QueueName: 'Billing', customer: { tier: 'gold' } });
    const conversationId = await genesysConversationOf(started.handoverId);
    const metadata = await architectJson(`${connectionId}/conversations/${conversationId}/metadata`);
    expect(metadata).toMatchObject({
      found: true,
      conversationId,
      handoverId: started.handoverId,
      queueName: 'Billing',
      queueId: queues.billing.id,
      queueResolvedBy: 'exact',
      skills: '',
      attributes: started.attributes,
    });
    expect(JSON.parse(metadata.attributesJson as string)).toEqual(started.attributes);
    expect((metadata.attributes as Record<string, string>)['customer.tier']).toBe('gold');
    expectFlat(metadata, ['attributes']);
    expect(await architectJson(`${connectionId}/conversations/${randomUUID()}/metadata`)).toMatchObject({ found: false, handoverId: '', queueId: '', attributesJson: '{}' });
  });

  it('Architect: 401 without or with a wrong key, 404 for another connection\'s key or an unknown connection, 400 for a bad name', async () => {
    const path = `${connectionId}/queues/resolve?name=Billing`;
    expect((await architect(path, null)).status).toBe(401);
    expect((await architect(path, 'gbk_not-a-key')).status).toBe(401);
    expect((await architect(path, otherTenantKey)).status).toBe(404);
    expect((await architect(`${connectionId}/conversations/${randomUUID()}/metadata`, otherTenantKey)).status).toBe(404);
    expect((await architect(`${otherConnectionId}/queues/resolve?name=Billing`, otherTenantKey)).status).toBe(200);
    expect((await architect(`${randomUUID()}/queues/resolve?name=Billing`)).status).toBe(404);
    expect((await architect(`${connectionId}/queues/resolve`)).status).toBe(400);
    const blank = await architect(`${connectionId}/queues/resolve?name=%20%20`);
    expect(blank.status).toBe(400);
    expect(await blank.json()).toMatchObject({ errors: [{ path: 'name' }] });
    expect((await architect(`${connectionId}/queues/resolve?name=Billing&extra=1`)).status).toBe(400);
  });

  it('Genesys failing: the handover goes on without QueueId (with a warning), the Architect lookup answers 503', async () => {
    sim.options.faults.apiError = { next: 1, probability: 0, status: 503 };
    const started = await startHandover({ QueueName: 'Outage queue' });
    expect(started.attributes).toEqual({ QueueName: 'Outage queue' });
    expect(started.warnings).toEqual(['QueueName "Outage queue" could not be resolved now (Genesys did not answer); sent without QueueId']);
    await genesysConversationOf(started.handoverId); // the delivery's own Genesys calls are done
    sim.options.faults.apiError = { next: 0, probability: 1, status: 503 };
    try {
      expect((await architect(`${connectionId}/queues/resolve?name=Another%20outage`)).status).toBe(503);
    } finally {
      sim.options.faults.apiError = { next: 0, probability: 0, status: 503 };
    }
  });
});
