import { postJson, requestJson } from '../testing/http-client';
import { createCognigySim, type CognigySim } from './cognigy-sim';
import type { CognigySimState } from './cognigy-state';
import { NOTIFY_ANSWER } from './cognigy-inject-notify.routes';

describe('Cognigy notify route (bot-platforms.md §A7)', () => {
  let sim: CognigySim;
  const notifyUrl = (token = 'token-abc') => `${sim.url}/notify/${token}`;

  beforeEach(async () => {
    sim = await createCognigySim({ urlTokens: ['token-abc'] });
  });

  afterEach(async () => {
    await sim.close();
  });

  it('records what is shown to the user, in order, without running the Flow', async () => {
    const first = await postJson(notifyUrl(), { userId: 'u-1', sessionId: 's-1', text: 'Agent: hello', data: { genesys: { messageId: 'g-1' } } });
    expect(first.status).toBe(200);
    expect(first.body).toEqual(NOTIFY_ANSWER);
    await postJson(notifyUrl(), { userId: 'u-1', sessionId: 's-1', data: { _cognigy: { _default: { _image: { type: 'image', imageUrl: 'https://d/x.png' } } } } });
    await postJson(notifyUrl(), { userId: 'u-2', sessionId: 's-2', text: 'other session' });

    expect(sim.notificationsFor('s-1').map((notification) => [notification.text, notification.data])).toEqual([
      ['Agent: hello', { genesys: { messageId: 'g-1' } }],
      [undefined, { _cognigy: { _default: { _image: { type: 'image', imageUrl: 'https://d/x.png' } } } }],
    ]);
    expect(sim.state.notifications[0]).toMatchObject({ urlToken: 'token-abc', userId: 'u-1', sessionId: 's-1', requestId: sim.state.requests[0].id });
    expect(sim.session('s-1')?.requests.map((request) => request.url)).toEqual(['/notify/token-abc', '/notify/token-abc']);
    expect(sim.session('s-1')?.turns).toEqual([]);

    const overHttp = await requestJson<CognigySimState>('GET', `${sim.url}/sim/state`);
    expect(overHttp.body.notifications).toHaveLength(3);
    sim.reset();
    expect(sim.state.notifications).toEqual([]);
  });

  it.each([
    ['userId is missing', { sessionId: 's', text: 'hi' }, 'userId'],
    ['sessionId is missing', { userId: 'u', text: 'hi' }, 'sessionId'],
    ['neither text nor data is given', { userId: 'u', sessionId: 's' }, 'text or data'],
  ])('answers 400 when %s and records nothing shown', async (_case, body, expected) => {
    const response = await postJson(notifyUrl(), body);
    expect(response.status).toBe(400);
    expect(response.body.message).toContain(expected);
    expect(sim.state.notifications).toEqual([]);
  });

  it('answers 404 for an unknown URLToken', async () => {
    const response = await postJson(notifyUrl('not-a-token'), { userId: 'u', sessionId: 's', text: 'hi' });
    expect(response.status).toBe(404);
    expect(sim.state.notifications).toEqual([]);
    expect(sim.state.requests.map((request) => [request.url, request.status])).toEqual([['/notify/not-a-token', 404]]);
  });

  it('leaves the REST endpoint as it was', async () => {
    const response = await postJson(`${sim.url}/token-abc`, { userId: 'u', sessionId: 's', text: 'hi' });
    expect(response.status).toBe(200);
    expect(sim.state.notifications).toEqual([]);
  });
});
