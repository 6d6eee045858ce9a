import { WebSocket } from 'ws';
import type { NotificationEnvelope, NotificationState } from '../notifications/notification.model';
import type { SimApiClient } from './sim-api-client';
import { waitFor } from './wait-for';

export interface SocketClose {
  code: number;
  reason: string;
}

/** A real `ws` client on a notification channel that keeps every frame it receives, for the simulator's own tests. */
export class NotificationSocket {
  readonly messages: NotificationEnvelope[] = [];
  closed?: SocketClose;

  private constructor(
    readonly ws: WebSocket,
    readonly channelId: string,
  ) {
    ws.on('message', (data) => this.messages.push(JSON.parse(data.toString()) as NotificationEnvelope));
    ws.on('close', (code, reason) => {
      this.closed = { code, reason: reason.toString() };
    });
  }

  /** Resolves once open; rejects with `handshake <status>` when the server refuses the upgrade. */
  static connect(connectUri: string): Promise<NotificationSocket> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(connectUri);
      const socket = new NotificationSocket(ws, connectUri.split('/').at(-1) ?? '');
      ws.once('open', () => resolve(socket));
      ws.once('unexpected-response', (_request, response) => {
        reject(new Error(`handshake ${response.statusCode ?? 0}`));
        ws.terminate();
      });
      ws.once('error', (error) => reject(error));
    });
  }

  /** Frames of one topic (exact name, or any topic ending with `.suffix` when given `{ suffix }`). */
  on(topic: string | { suffix: string }): NotificationEnvelope[] {
    return this.messages.filter((message) => (typeof topic === 'string' ? message.topicName === topic : message.topicName.endsWith(`.${topic.suffix}`)));
  }

  /** Topic names of the events received (heartbeats and pongs left out). */
  eventTopics(): string[] {
    return this.messages.filter((message) => message.topicName !== 'channel.metadata').map((message) => message.topicName);
  }

  waitForCount(topic: string | { suffix: string }, count: number, timeoutMs = 5_000): Promise<NotificationEnvelope[]> {
    return waitFor(() => (this.on(topic).length >= count ? this.on(topic) : undefined), `${count} frame(s) on ${JSON.stringify(topic)}`, { timeoutMs });
  }

  /** Waits until every event the sim recorded as sent to this channel arrived (call after `sim.idle()`). */
  caughtUp(state: NotificationState): Promise<string[]> {
    const sent = () => state.eventsSent.filter((event) => event.channelId === this.channelId).length;
    return waitFor(() => (this.eventTopics().length >= sent() ? this.eventTopics() : undefined), 'the sent events to arrive');
  }

  waitForClose(timeoutMs = 5_000): Promise<SocketClose> {
    return waitFor(() => this.closed, 'the socket to close', { timeoutMs });
  }

  /** The Java SDK's NotificationHandler.sendPing(). */
  ping(): void {
    this.ws.send(JSON.stringify({ message: 'ping' }));
  }

  end(): void {
    this.ws.terminate();
  }
}

export interface CreatedChannel {
  id: string;
  connectUri: string;
  expires: string;
}

/** POST /api/v2/notifications/channels, asserting 200. */
export async function createChannel(api: SimApiClient): Promise<CreatedChannel> {
  const response = await api.call<CreatedChannel>('POST', '/api/v2/notifications/channels');
  if (response.status !== 200) throw new Error(`channel creation failed with ${response.status}: ${JSON.stringify(response.body)}`);
  return response.body;
}

/** A channel subscribed to `topics` with a socket connected to it. */
export async function openChannel(api: SimApiClient, topics: string[]): Promise<{ channel: CreatedChannel; socket: NotificationSocket }> {
  const channel = await createChannel(api);
  if (topics.length > 0) {
    const response = await api.call('PUT', `/api/v2/notifications/channels/${channel.id}/subscriptions`, topics.map((id) => ({ id })));
    if (response.status !== 200) throw new Error(`subscription failed with ${response.status}: ${JSON.stringify(response.body)}`);
  }
  return { channel, socket: await NotificationSocket.connect(channel.connectUri) };
}

export const conversationTopics = (conversationId: string, events: string[]): string[] =>
  events.map((event) => `v2.detail.events.conversation.${conversationId}.${event}`);
