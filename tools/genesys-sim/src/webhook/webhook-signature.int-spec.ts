import { createHmac } from 'node:crypto';
import { startConversationWithAgent } from '../testing/conversation-helpers';
import { startSimFixture, TEST_WEBHOOK_SECRET, type SimFixture } from '../testing/sim-fixture';
import { waitFor } from '../testing/wait-for';

describe('webhook signature', () => {
  let fixture: SimFixture;

  afterEach(async () => {
    await fixture.close();
  });

  it('signs the exact raw body with base64 HMAC-SHA256 of the integration secret', async () => {
    fixture = await startSimFixture(
      {},
      { webhookHeaders: { Authorization: 'Bearer static-api-key', 'content-type': 'text/plain', 'x-hub-signature-256': 'forged' } },
    );
    const conversationId = await startConversationWithAgent(fixture);
    fixture.sim.agent(conversationId).sendText('Grüße — ünïcödé ✓');

    const [request] = await waitFor(() => (fixture.receiver.requests.length === 1 ? fixture.receiver.requests : undefined), 'one webhook call');
    const header = request.headers['x-hub-signature-256'] as string;
    const expected = createHmac('sha256', Buffer.from(TEST_WEBHOOK_SECRET, 'utf8')).update(request.rawBody).digest('base64');
    expect(header).toBe(`sha256=${expected}`);
    const encoded = header.slice('sha256='.length);
    expect(encoded).not.toMatch(/^[0-9a-f]{64}$/);
    expect(Buffer.from(encoded, 'base64')).toHaveLength(32);
    expect(request.headers['content-type']).toBe('application/json');
    expect(request.headers.authorization).toBe('Bearer static-api-key');
    expect(JSON.parse(request.rawBody.toString('utf8'))).toMatchObject({ text: 'Grüße — ünïcödé ✓', direction: 'Outbound' });
  });

  it('uses the configured signature prefix (UNCONFIRMED prefix handling)', async () => {
    fixture = await startSimFixture({ webhook: { signaturePrefix: '' } });
    const conversationId = await startConversationWithAgent(fixture);
    fixture.sim.agent(conversationId).sendText('hi');
    const [request] = await waitFor(() => (fixture.receiver.requests.length === 1 ? fixture.receiver.requests : undefined), 'one webhook call');
    const expected = createHmac('sha256', TEST_WEBHOOK_SECRET).update(request.rawBody).digest('base64');
    expect(request.headers['x-hub-signature-256']).toBe(expected);
  });
});
