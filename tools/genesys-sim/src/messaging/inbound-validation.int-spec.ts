import { inboundMessage } from '../testing/sim-api-client';
import { startSimFixture, type SimFixture } from '../testing/sim-fixture';

describe('inbound message validation', () => {
  let fixture: SimFixture;

  beforeAll(async () => {
    fixture = await startSimFixture();
  });

  afterAll(async () => {
    await fixture.close();
  });

  const send = (body: unknown) =>
    fixture.api.call('POST', `/api/v2/conversations/messages/${fixture.integration.id}/inbound/open/message`, body, {
      'inin-correlation-id': 'validation-test',
    });

  function expectBadRequest(response: { status: number; body: Record<string, unknown> }, field: string): void {
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ code: 'bad.request', status: 400, contextId: 'validation-test', details: [], errors: [] });
    expect(response.body.message).toContain(field);
  }

  it('rejects customAttributes in top-level metadata with a 400 naming the field', async () => {
    expectBadRequest(await send(inboundMessage('u1', { metadata: { customAttributes: { a: 'b' } } })), 'metadata.customAttributes');
  });

  it('rejects an object value in top-level metadata', async () => {
    expectBadRequest(await send(inboundMessage('u1', { metadata: { profile: { tier: 'gold' } } })), 'metadata.profile');
  });

  it('rejects a missing channel.from.id', async () => {
    expectBadRequest(await send(inboundMessage('u1', { channel: { from: { idType: 'Opaque' } } })), 'channel.from.id');
  });

  it('rejects a non-string custom attribute value', async () => {
    const body = inboundMessage('u1', { channel: { metadata: { customAttributes: { rating: 5 } } } });
    expectBadRequest(await send(body), 'channel.metadata.customAttributes.rating');
  });

  it('rejects a body without text or content', async () => {
    expectBadRequest(await send(inboundMessage('u1', { text: undefined })), 'text or content');
  });

  it('answers 404 for an unknown integration', async () => {
    const response = await fixture.api.sendInbound('00000000-0000-4000-8000-000000000000', inboundMessage('u1'));
    expect(response.status).toBe(404);
    expect(response.body).toMatchObject({ code: 'not.found', status: 404 });
  });

  it('answers malformed JSON with a Genesys 400 and oversized bodies with 413', async () => {
    const token = await fixture.api.accessToken();
    const url = `${fixture.sim.url}/api/v2/conversations/messages/${fixture.integration.id}/inbound/open/message`;
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const malformed = await fetch(url, { method: 'POST', headers, body: '{"channel":' });
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({ code: 'bad.request', status: 400 });
    const huge = await fetch(url, { method: 'POST', headers, body: JSON.stringify(inboundMessage('u1', { text: 'x'.repeat(600_000) })) });
    expect(huge.status).toBe(413);
  });

  it('records nothing for rejected messages', async () => {
    expect(fixture.sim.state.inboundMessages).toHaveLength(0);
    expect(fixture.sim.state.conversations).toHaveLength(0);
  });
});
