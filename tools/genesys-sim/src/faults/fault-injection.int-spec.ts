import { startConversationWithAgent } from '../testing/conversation-helpers';
import { inboundMessage } from '../testing/sim-api-client';
import { startSimFixture, type SimFixture } from '../testing/sim-fixture';

const QUEUES = '/api/v2/routing/queues';

describe('fault injection', () => {
  let fixture: SimFixture;

  afterEach(async () => {
    await fixture.close();
  });

  describe('API faults', () => {
    it('answers the next N API calls with the configured 5xx in the Genesys error shape', async () => {
      fixture = await startSimFixture();
      await fixture.api.accessToken();
      fixture.sim.options.faults.apiError = { next: 2, probability: 0, status: 503 };
      const statuses = [];
      for (let i = 0; i < 3; i++) statuses.push(await fixture.api.call('GET', QUEUES, undefined, { 'inin-correlation-id': `fault-${i}` }));
      expect(statuses.map((response) => response.status)).toEqual([503, 503, 200]);
      expect(statuses[0].body).toEqual({
        message: expect.any(String),
        code: 'service.unavailable',
        status: 503,
        contextId: 'fault-0',
        details: [],
        errors: [],
      });
      expect(fixture.sim.options.faults.apiError.next).toBe(0);
    });

    it('can be switched on over PATCH /sim/options, including 429 with Retry-After', async () => {
      fixture = await startSimFixture();
      await fixture.api.accessToken();
      const patched = await fixture.api.raw('PATCH', '/sim/options', { faults: { apiError: { next: 1, status: 429 } } });
      expect(patched.status).toBe(200);
      const limited = await fixture.api.call('GET', QUEUES);
      expect(limited.status).toBe(429);
      expect(limited.headers.get('retry-after')).toBe('1');
      expect(limited.body).toMatchObject({ code: 'too.many.requests.retry.after' });
    });

    it('fails calls with a seeded probability, reproducibly', async () => {
      const statusesWithSeed = async (sim: SimFixture, seed: number): Promise<number[]> => {
        const token = await sim.api.accessToken();
        Object.assign(sim.sim.options.faults, { seed, apiError: { next: 0, probability: 0.5, status: 500 } });
        const statuses: number[] = [];
        for (let i = 0; i < 20; i++) statuses.push((await sim.api.raw('GET', QUEUES, undefined, { authorization: `Bearer ${token}` })).status);
        return statuses;
      };
      fixture = await startSimFixture();
      const other = await startSimFixture();
      try {
        const first = await statusesWithSeed(fixture, 42);
        expect(await statusesWithSeed(other, 42)).toEqual(first);
        expect(first).toContain(500);
        expect(first).toContain(200);
      } finally {
        await other.close();
      }
    });

    it('hangs the next call until the client gives up, then serves normally', async () => {
      fixture = await startSimFixture();
      const token = await fixture.api.accessToken();
      fixture.sim.options.faults.apiHang.next = 1;
      const started = Date.now();
      await expect(
        fetch(`${fixture.sim.url}${QUEUES}`, { headers: { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(200) }),
      ).rejects.toThrow();
      expect(Date.now() - started).toBeGreaterThanOrEqual(190);
      expect((await fixture.api.call('GET', QUEUES)).status).toBe(200);
    });

    it('answers a hung call with 504 after releaseAfterMs when configured', async () => {
      fixture = await startSimFixture();
      await fixture.api.accessToken();
      fixture.sim.options.faults.apiHang = { next: 1, probability: 0, releaseAfterMs: 100 };
      const response = await fixture.api.call('GET', QUEUES);
      expect(response.status).toBe(504);
      expect(response.body).toMatchObject({ code: 'gateway.timeout', status: 504 });
    });

    it('accepts an inbound message, then answers 500 (inboundAcceptThenError): stored once, its resend is a duplicate', async () => {
      fixture = await startSimFixture();
      const integrationId = fixture.integration.id;
      await fixture.api.accessToken();
      fixture.sim.options.faults.inboundAcceptThenError = { next: 1, probability: 0, status: 500 };
      const message = inboundMessage('customer-accept-then-500', { text: 'did it go through?' });

      const failed = await fixture.api.sendInbound(integrationId, message, true);
      expect(failed.status).toBe(500);
      expect(failed.body).toMatchObject({ code: 'internal.server.error', status: 500, contextId: expect.any(String) });
      expect(fixture.sim.options.faults.inboundAcceptThenError.next).toBe(0);
      // …but Genesys has it: recorded, in a conversation, in the transcript.
      const [stored] = fixture.sim.state.inboundMessages;
      expect(fixture.sim.state.inboundMessages).toHaveLength(1);
      expect(stored.body).toEqual(message);
      expect(fixture.sim.conversation(stored.conversationId)?.transcript.map((entry) => entry.text)).toEqual(['did it go through?']);
      expect(fixture.sim.state.apiRequests.at(-1)).toMatchObject({ method: 'POST', status: 500, url: expect.stringContaining('/inbound/open/message') });

      // The caller's resend (same channel.messageId and time) is a duplicate of what was accepted.
      const resent = await fixture.api.sendInbound(integrationId, message, true);
      expect(resent.status).toBe(200);
      expect(resent.body.conversationId).toBe(stored.conversationId);
      expect(fixture.sim.state.inboundMessages.map((record) => record.duplicateOf)).toEqual([undefined, stored.id]);
    });

    it('leaves refused inbound calls and other APIs alone, and answers the configured 5xx (inboundAcceptThenError)', async () => {
      fixture = await startSimFixture();
      await fixture.api.accessToken();
      fixture.sim.options.faults.inboundAcceptThenError = { next: 0, probability: 1, status: 503 };
      const invalid = await fixture.api.sendInbound(fixture.integration.id, { channel: {} });
      expect(invalid.status).toBe(400);
      expect((await fixture.api.call('GET', QUEUES)).status).toBe(200);
      const accepted = await fixture.api.sendInbound(fixture.integration.id, inboundMessage('customer-503'));
      expect(accepted.status).toBe(503);
      expect(accepted.body).toMatchObject({ code: 'service.unavailable', status: 503 });
      expect(fixture.sim.state.inboundMessages).toHaveLength(1);
    });

    it('adds latency to API and login responses', async () => {
      fixture = await startSimFixture({ faults: { apiLatencyMs: 150 } });
      const started = Date.now();
      expect((await fixture.api.call('GET', QUEUES)).status).toBe(200);
      expect(Date.now() - started).toBeGreaterThanOrEqual(2 * 150 - 10);
    });
  });

  describe('webhook faults', () => {
    it('delivers the same payload twice (same bytes and signature) when webhookDuplicate fires', async () => {
      fixture = await startSimFixture();
      const conversationId = await startConversationWithAgent(fixture);
      fixture.sim.options.faults.webhookDuplicate.next = 1;
      const sent = fixture.sim.agent(conversationId).sendText('twice');
      fixture.sim.agent(conversationId).sendText('once');
      await fixture.sim.idle();
      expect(fixture.receiver.payloads().map((payload) => payload.text)).toEqual(['twice', 'twice', 'once']);
      const [first, second] = fixture.receiver.requests;
      expect(second.rawBody.equals(first.rawBody)).toBe(true);
      expect(second.headers['x-hub-signature-256']).toBe(first.headers['x-hub-signature-256']);
      const copies = fixture.sim.state.webhookDeliveries.filter((delivery) => delivery.messageId === sent.id);
      expect(copies).toHaveLength(2);
      expect(copies[1].duplicateOf).toBe(copies[0].id);
    });

    it('swaps two consecutive messages of a conversation when webhookReorder fires', async () => {
      fixture = await startSimFixture();
      const conversationId = await startConversationWithAgent(fixture);
      fixture.sim.options.faults.webhookReorder.next = 1;
      const agent = fixture.sim.agent(conversationId);
      agent.sendText('first');
      agent.sendText('second');
      agent.sendText('third');
      await fixture.sim.idle();
      expect(fixture.receiver.payloads().map((payload) => payload.text)).toEqual(['second', 'first', 'third']);
      expect(fixture.sim.state.webhookDeliveries.filter((delivery) => delivery.reordered).map((delivery) => JSON.parse(delivery.rawBody).text)).toEqual([
        'first',
      ]);
    });

    it('holds a reordered message for a successor sent later, and releases it after reorderHoldMs without one', async () => {
      fixture = await startSimFixture({ webhook: { reorderHoldMs: 2_000 } });
      const conversationId = await startConversationWithAgent(fixture);
      const agent = fixture.sim.agent(conversationId);
      fixture.sim.options.faults.webhookReorder.next = 1;
      agent.sendText('early');
      await new Promise((resolve) => setImmediate(resolve));
      agent.sendText('late');
      await fixture.sim.idle();
      expect(fixture.receiver.payloads().map((payload) => payload.text)).toEqual(['late', 'early']);

      fixture.sim.options.webhook.reorderHoldMs = 50;
      fixture.sim.options.faults.webhookReorder.next = 1;
      agent.sendText('alone');
      await fixture.sim.idle();
      expect(fixture.receiver.payloads().map((payload) => payload.text)).toEqual(['late', 'early', 'alone']);
    });
  });
});
