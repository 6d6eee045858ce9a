import { createChannel, type CreatedChannel } from '../testing/notification-socket';
import { startSimFixture, type SimFixture } from '../testing/sim-fixture';

const CONVERSATION = '6a5c1c47-3a5e-4b52-9a2f-5bbd1b9a0c11';
const customerEnd = `v2.detail.events.conversation.${CONVERSATION}.customer.end`;
const userEnd = `v2.detail.events.conversation.${CONVERSATION}.user.end`;
const queueTopic = 'v2.routing.queues.2f1b9c4e-6c53-4a6f-8f0e-2d8f3c5b7a10.conversations.messages';

interface Listing {
  entities: { id: string; state?: string; rejectionReason?: string }[];
}

describe('Notifications API: subscriptions', () => {
  let fixture: SimFixture;
  let channel: CreatedChannel;
  let path: string;

  beforeEach(async () => {
    fixture = await startSimFixture();
    channel = await createChannel(fixture.api);
    path = `/api/v2/notifications/channels/${channel.id}/subscriptions`;
  });

  afterEach(async () => {
    await fixture.close();
  });

  const topics = (...ids: string[]) => ids.map((id) => ({ id }));
  const subscribed = async () => (await fixture.api.call<Listing>('GET', path)).body.entities.map((entity) => entity.id);

  it('POST adds, PUT replaces, GET lists, DELETE removes all (204); duplicates count once', async () => {
    expect((await fixture.api.call<Listing>('POST', path, topics(customerEnd, customerEnd))).body).toEqual({ entities: [{ id: customerEnd }] });
    expect((await fixture.api.call<Listing>('POST', path, topics(userEnd))).body).toEqual({ entities: [{ id: customerEnd }, { id: userEnd }] });
    expect(await subscribed()).toEqual([customerEnd, userEnd]);
    expect((await fixture.api.call<Listing>('PUT', path, topics(queueTopic))).body).toEqual({ entities: [{ id: queueTopic }] });
    expect(await subscribed()).toEqual([queueTopic]);
    expect(fixture.sim.state.notifications.subscriptions).toEqual({ [channel.id]: [queueTopic] });
    expect((await fixture.api.call('DELETE', path)).status).toBe(204);
    expect(await subscribed()).toEqual([]);
  });

  it('accepts at most 1,000 topics per channel: more answers 400 in the Genesys error shape and changes nothing', async () => {
    const thousand = Array.from({ length: 1_000 }, (_, index) => `v2.detail.events.conversation.conv-${index}.customer.end`);
    expect((await fixture.api.call('PUT', path, topics(...thousand))).status).toBe(200);
    const over = await fixture.api.call('POST', path, topics(customerEnd));
    expect(over.status).toBe(400);
    expect(over.body).toEqual({ message: expect.stringContaining('1000'), code: 'bad.request', status: 400, contextId: expect.any(String), details: [], errors: [] });
    expect(await subscribed()).toHaveLength(1_000);
    expect((await fixture.api.call('PUT', path, topics(...thousand, customerEnd))).status).toBe(400);

    fixture.sim.options.notifications.maxTopicsPerChannel = 2;
    expect((await fixture.api.call('PUT', path, topics(customerEnd, userEnd, queueTopic))).status).toBe(400);
  });

  it.each([
    ['an unknown topic', 'v2.something.else'],
    ['an unknown detail event', `v2.detail.events.conversation.${CONVERSATION}.customer.left`],
    ['the EventBridge wildcard {id}', 'v2.detail.events.conversation.{id}.customer.end'],
    ['a * wildcard', 'v2.detail.events.conversation.*.customer.end'],
    ['an unknown media', 'v2.routing.queues.q1.conversations.pigeons'],
    ['channel.metadata (implied, not subscribable)', 'channel.metadata'],
  ])('answers 400 naming %s, and subscribes nothing', async (_label, topic) => {
    const response = await fixture.api.call<{ message: string; details: { fieldName: string }[] }>('PUT', path, topics(customerEnd, topic));
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ code: 'bad.request', status: 400 });
    expect(response.body.message).toContain(topic);
    expect(response.body.details).toEqual([expect.objectContaining({ fieldName: topic })]);
    expect(await subscribed()).toEqual([]);
  });

  it('?ignoreErrors=true skips invalid topics (returned Rejected) and subscribes the rest', async () => {
    const response = await fixture.api.call<Listing>('POST', `${path}?ignoreErrors=true`, topics(customerEnd, 'v2.nope'));
    expect(response.status).toBe(200);
    expect(response.body.entities).toEqual([{ id: customerEnd }, { id: 'v2.nope', state: 'Rejected', rejectionReason: 'unknown topic' }]);
    expect(await subscribed()).toEqual([customerEnd]);
  });

  it('ignoreErrorsForInvalidTopics=error (UNCONFIRMED alternative): 400 even with ignoreErrors=true', async () => {
    fixture.sim.options.notifications.ignoreErrorsForInvalidTopics = 'error';
    expect((await fixture.api.call('POST', `${path}?ignoreErrors=true`, topics(customerEnd, 'v2.nope'))).status).toBe(400);
    expect(await subscribed()).toEqual([]);
  });

  it('answers 400 for a body that is not a list of {id}', async () => {
    expect((await fixture.api.call('PUT', path, { id: customerEnd })).status).toBe(400);
    expect((await fixture.api.call('PUT', path, [customerEnd])).status).toBe(400);
    expect((await fixture.api.call('PUT', path, [{ id: '' }])).status).toBe(400);
  });

  it('answers 404 for an unknown channel', async () => {
    const unknown = '/api/v2/notifications/channels/7f1e6c2a-0000-4000-8000-000000000000/subscriptions';
    expect((await fixture.api.call('GET', unknown)).status).toBe(404);
    expect((await fixture.api.call('POST', unknown, topics(customerEnd))).status).toBe(404);
    expect((await fixture.api.call('DELETE', unknown)).status).toBe(404);
  });
});
