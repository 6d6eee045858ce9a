import { startConversationWithAgent } from '../testing/conversation-helpers';
import { inboundMessage } from '../testing/sim-api-client';
import { startSimFixture, type SimFixture } from '../testing/sim-fixture';
import { waitFor } from '../testing/wait-for';
import { WebhookReceiver } from '../testing/webhook-receiver';

const now = () => new Date().toISOString();

describe('inbound events, receipts and structured responses', () => {
  let fixture: SimFixture;

  afterEach(async () => {
    await fixture.close();
  });

  const post = (endpoint: string, body: unknown) =>
    fixture.api.call('POST', `/api/v2/conversations/messages/${fixture.integration.id}/inbound/open/${endpoint}`, body);

  describe('events', () => {
    beforeEach(async () => {
      fixture = await startSimFixture();
    });

    it('accepts a Typing event and records it on the active conversation', async () => {
      const conversationId = await startConversationWithAgent(fixture, 'typer');
      const response = await post('event', {
        channel: { from: { id: 'typer', idType: 'Opaque' }, time: now() },
        events: [{ eventType: 'Typing', typing: { type: 'On', duration: 5000 } }],
      });
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ type: 'Event', events: [{ eventType: 'Typing', typing: { type: 'On', duration: 5000 } }] });
      expect(fixture.sim.state.inboundEvents).toEqual([expect.objectContaining({ conversationId })]);
    });

    it.each(['Presence', 'Disconnect', 'Join'])('rejects the %s event type with a 400', async (eventType) => {
      const response = await post('event', { channel: { from: { id: 'typer', idType: 'Opaque' }, time: now() }, events: [{ eventType }] });
      expect(response.status).toBe(400);
      expect(response.body.message).toContain('events[0].eventType');
    });
  });

  describe('receipts', () => {
    const receipt = (id: string, extra: Record<string, unknown> = {}) => ({
      id,
      channel: { to: { id: 'receipt-user', idType: 'Opaque' }, time: now() },
      status: 'Delivered',
      isFinalReceipt: true,
      ...extra,
    });

    it('accepts a receipt for a message Genesys sent and records it against the conversation', async () => {
      fixture = await startSimFixture();
      const conversationId = await startConversationWithAgent(fixture, 'receipt-user');
      const sent = fixture.sim.agent(conversationId).sendText('hi');
      const response = await post('receipt', receipt(sent.id, { status: 'Failed', reasons: [{ code: 'RateLimited', message: 'slow down' }] }));
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ id: sent.id, type: 'Receipt', status: 'Failed', direction: 'Outbound' });
      expect(fixture.sim.state.receipts).toEqual([
        expect.objectContaining({ messageId: sent.id, conversationId, status: 'Failed', knownMessage: true, accepted: true }),
      ]);
    });

    it.each([
      ['status', { status: 'Read' }],
      ['reasons[0].code', { status: 'Failed', reasons: [{ code: 'Oops' }] }],
    ])('rejects an invalid %s', async (field, extra) => {
      fixture = await startSimFixture();
      const conversationId = await startConversationWithAgent(fixture, 'receipt-user');
      const sent = fixture.sim.agent(conversationId).sendText('hi');
      const response = await post('receipt', receipt(sent.id, extra));
      expect(response.status).toBe(400);
      expect(response.body.message).toContain(field);
    });

    it('rejects an unknown message id by default and accepts it with unknownReceiptMessageIds=accept (UNCONFIRMED)', async () => {
      fixture = await startSimFixture();
      const rejected = await post('receipt', receipt('ffffffffffffffffffffffffffffffff'));
      expect(rejected.status).toBe(400);
      expect(rejected.body.message).toContain('ffffffffffffffffffffffffffffffff');
      fixture.sim.options.unknownReceiptMessageIds = 'accept';
      expect((await post('receipt', receipt('ffffffffffffffffffffffffffffffff'))).status).toBe(200);
      expect(fixture.sim.state.receipts.map((record) => [record.knownMessage, record.accepted])).toEqual([
        [false, false],
        [false, true],
      ]);
    });
  });

  it('accepts a structured (button) response and records it with its originating message', async () => {
    fixture = await startSimFixture();
    const conversationId = await startConversationWithAgent(fixture, 'clicker');
    const menu = fixture.sim.agent(conversationId).sendQuickReplies('Pick one', ['Yes', 'No']);
    const response = await post('structured/response', {
      channel: { messageId: 'ext-click-1', time: now(), from: { id: 'clicker', idType: 'Opaque' } },
      buttonResponse: { type: 'QuickReply', text: 'Yes', payload: 'Yes' },
      originatingMessageId: menu.id,
    });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ type: 'Structured', content: [{ contentType: 'ButtonResponse', buttonResponse: { text: 'Yes' } }] });
    expect(fixture.sim.state.structuredResponses).toEqual([
      expect.objectContaining({ conversationId, originatingMessageId: menu.id, buttonResponse: { type: 'QuickReply', text: 'Yes', payload: 'Yes' } }),
    ]);
    const invalid = await post('structured/response', {
      channel: { messageId: 'ext-click-2', time: now(), from: { id: 'clicker', idType: 'Opaque' } },
      buttonResponse: { type: 'Swipe', text: 'Yes', payload: 'Yes' },
    });
    expect(invalid.status).toBe(400);
    expect(invalid.body.message).toContain('buttonResponse.type');
  });

  describe('webhook receipts for inbound messages (UNCONFIRMED)', () => {
    it('posts a Delivered receipt to the webhook when deliverReceipts is on', async () => {
      fixture = await startSimFixture({ webhook: { deliverReceipts: true } });
      const response = await fixture.api.sendInbound(fixture.integration.id, inboundMessage('receipts-on'));
      const [payload] = await waitFor(() => (fixture.receiver.payloads().length === 1 ? fixture.receiver.payloads() : undefined), 'a receipt');
      expect(payload).toMatchObject({ id: response.body.id, type: 'Receipt', status: 'Delivered', direction: 'Outbound' });
    });

    it('posts nothing by default', async () => {
      fixture = await startSimFixture();
      await fixture.api.sendInbound(fixture.integration.id, inboundMessage('receipts-off'));
      await fixture.sim.idle();
      expect(fixture.sim.state.webhookDeliveries).toHaveLength(0);
      expect(fixture.receiver.requests).toHaveLength(0);
    });
  });

  describe('inbound attachment download (UNCONFIRMED)', () => {
    let media: WebhookReceiver;

    beforeEach(async () => {
      media = await WebhookReceiver.start('/files/photo.jpg');
    });

    afterEach(async () => {
      await media.close();
    });

    const withAttachment = (from: string) =>
      inboundMessage(from, {
        text: undefined,
        content: [{ contentType: 'Attachment', attachment: { mediaType: 'Image', url: media.url, mime: 'image/jpeg' } }],
      });

    it('GETs the attachment URL when fetchInboundAttachments is on', async () => {
      fixture = await startSimFixture({ fetchInboundAttachments: true });
      expect((await fixture.api.sendInbound(fixture.integration.id, withAttachment('pics'))).status).toBe(200);
      await fixture.sim.idle();
      expect(media.requests.map((request) => [request.method, request.path])).toEqual([['GET', '/files/photo.jpg']]);
      expect(fixture.sim.state.attachmentFetches[0]).toMatchObject({ url: media.url, status: 200 });
    });

    it('does not touch the URL by default', async () => {
      fixture = await startSimFixture();
      expect((await fixture.api.sendInbound(fixture.integration.id, withAttachment('pics'))).status).toBe(200);
      await fixture.sim.idle();
      expect(fixture.sim.state.attachmentFetches).toHaveLength(0);
      expect(media.requests).toHaveLength(0);
    });
  });
});
