import { GenesysApiError } from '../support/genesys-error';
import { inboundMessage } from '../testing/sim-api-client';
import { startSimFixture, type SimFixture } from '../testing/sim-fixture';

describe('control API and integration configuration', () => {
  let fixture: SimFixture;

  beforeEach(async () => {
    fixture = await startSimFixture();
  });

  afterEach(async () => {
    await fixture.close();
  });

  it('serves the recorded state over GET /sim/state and forgets traffic on POST /sim/reset', async () => {
    const sent = await fixture.api.sendInbound(fixture.integration.id, inboundMessage('state-user'));
    const state = await fixture.api.raw<{ inboundMessages: { id: string }[]; conversations: { id: string }[]; apiRequests: { url: string }[] }>(
      'GET',
      '/sim/state',
    );
    expect(state.body.inboundMessages.map((message) => message.id)).toEqual([sent.body.id]);
    expect(state.body.conversations.map((conversation) => conversation.id)).toEqual([sent.body.conversationId]);
    expect(state.body.apiRequests.map((request) => request.url)).toContain('/oauth/token');

    const byAddress = await fixture.api.raw<{ id: string }[]>('GET', `/sim/conversations?integrationId=${fixture.integration.id}&addressId=state-user`);
    expect(byAddress.body.map((conversation) => conversation.id)).toEqual([sent.body.conversationId]);

    expect((await fixture.api.raw('POST', '/sim/reset')).status).toBe(204);
    expect(fixture.sim.state.inboundMessages).toHaveLength(0);
    expect(fixture.sim.state.conversations).toHaveLength(0);
    expect((await fixture.api.raw('GET', `/sim/conversations/${sent.body.conversationId as string}`)).status).toBe(404);
    expect((await fixture.api.sendInbound(fixture.integration.id, inboundMessage('state-user'))).status).toBe(200);
  });

  it('seeds clients and queues over HTTP and expires tokens on demand', async () => {
    expect((await fixture.api.raw('POST', '/sim/queues', { id: 'q-http', name: 'From HTTP' })).status).toBe(200);
    const listed = await fixture.api.call<{ entities: { id: string }[] }>('GET', '/api/v2/routing/queues?name=From HTTP');
    expect(listed.body.entities.map((queue) => queue.id)).toEqual(['q-http']);
    expect((await fixture.api.raw('POST', '/sim/tokens/expire')).status).toBe(204);
    expect((await fixture.api.call('GET', '/api/v2/routing/queues')).status).toBe(401);
  });

  it('validates integration secrets (> 15 characters) in-process and over the integrations API', async () => {
    const input = { name: 'short', outboundNotificationWebhookUrl: fixture.receiver.url, outboundNotificationWebhookSignatureSecretToken: '15-characters!!' };
    expect(() => fixture.sim.addIntegration(input)).toThrow(GenesysApiError);
    const path = '/api/v2/conversations/messaging/integrations/open';
    const rejected = await fixture.api.call('POST', path, input);
    expect(rejected.status).toBe(400);
    expect(rejected.body.message).toContain('outboundNotificationWebhookSignatureSecretToken');

    const created = await fixture.api.call('POST', path, { ...input, outboundNotificationWebhookSignatureSecretToken: '16-characters!!!' });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ name: 'short', status: 'Active' });
    expect(created.body).not.toHaveProperty('outboundNotificationWebhookSignatureSecretToken');
    const id = created.body.id as string;
    expect((await fixture.api.call('PATCH', `${path}/${id}`, { name: 'renamed' })).body).toMatchObject({ id, name: 'renamed' });
    expect((await fixture.api.call<{ total: number }>('GET', path)).body.total).toBe(2);
    expect((await fixture.api.call('DELETE', `${path}/${id}`)).status).toBe(204);
    expect((await fixture.api.call('GET', `${path}/${id}`)).status).toBe(404);
  });

  it('answers unknown API paths with a Genesys 404 after authentication', async () => {
    expect((await fixture.api.raw('GET', '/api/v2/nothing-here')).status).toBe(401);
    const response = await fixture.api.call('GET', '/api/v2/nothing-here');
    expect(response.status).toBe(404);
    expect(response.body).toMatchObject({ code: 'not.found', status: 404 });
  });
});
