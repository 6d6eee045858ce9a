import { WebSocket } from 'ws';
import type { FaultInjector } from '../faults/fault-injector';
import { newUuid } from '../support/ids';
import type { ChannelRegistry, LiveChannel } from './channel-registry';
import type { NotificationEnvelope, NotificationState } from './notification.model';
import type { NotificationOptions } from './notification-options';

export interface NotificationPublisherDeps {
  registry: ChannelRegistry;
  options: () => NotificationOptions;
  state: NotificationState;
  injector: FaultInjector;
  now: () => Date;
}

/**
 * Sends an event to every live channel subscribed to its topic, `eventDelayMs` later, on whatever socket the
 * channel has at that moment. Genesys keeps nothing for a channel without a socket: such an event is lost
 * (recorded as `not-connected`), which is exactly the gap an end-detection backstop exists for.
 */
export class NotificationPublisher {
  private readonly timers = new Set<NodeJS.Timeout>();
  private waiters: (() => void)[] = [];

  constructor(private readonly deps: NotificationPublisherDeps) {}

  publish(topic: string, eventBody: unknown): void {
    for (const channel of this.deps.registry.subscribedTo(topic)) this.deliver(channel, topic, eventBody);
  }

  /** Resolves when no event is waiting for its delay. */
  idle(): Promise<void> {
    if (this.timers.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  clear(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.settle();
  }

  private deliver(channel: LiveChannel, topic: string, eventBody: unknown): void {
    const { dropEvents, eventDelayMs } = this.deps.options();
    if ((dropEvents.match === null || topic.includes(dropEvents.match)) && this.deps.injector.fires(dropEvents)) {
      this.deps.state.eventsDropped.push({ topic, channelId: channel.id, at: this.timestamp(), reason: 'fault', eventBody });
      return;
    }
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.send(channel, topic, eventBody);
      this.settle();
    }, Math.max(0, eventDelayMs));
    this.timers.add(timer);
  }

  private send(channel: LiveChannel, topic: string, eventBody: unknown): void {
    const socket = channel.socket;
    if (!this.deps.registry.isLive(channel) || !socket || socket.readyState !== WebSocket.OPEN) {
      this.deps.state.eventsDropped.push({ topic, channelId: channel.id, at: this.timestamp(), reason: 'not-connected', eventBody });
      return;
    }
    const correlationId = newUuid();
    const envelope: NotificationEnvelope = { topicName: topic, version: '2', eventBody, metadata: { CorrelationId: correlationId } };
    socket.send(JSON.stringify(envelope));
    this.deps.state.eventsSent.push({ topic, channelId: channel.id, at: this.timestamp(), correlationId, eventBody });
  }

  private settle(): void {
    if (this.timers.size > 0) return;
    const waiters = this.waiters;
    this.waiters = [];
    for (const resolve of waiters) resolve();
  }

  private timestamp(): string {
    return this.deps.now().toISOString();
  }
}
