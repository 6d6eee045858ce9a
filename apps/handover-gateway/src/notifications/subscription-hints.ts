import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { Redis } from 'ioredis';
import { redisConnectionOptions } from '@genesys-bridge/queue-runtime';
import { HandoverGatewayEnv } from '../config/handover-gateway.env';

/** What a hint says: this connection has a new subscribable conversation. */
export interface SubscriptionHint {
  connectionId: string;
  genesysConversationId: string;
}

/** The Redis pub/sub channel of the hints, under the queue prefix. */
export function hintChannel(queuePrefix: string): string {
  return `${queuePrefix}:notifications:subscribable`;
}

/**
 * Tells the Notifications manager at once that a handover got its Genesys conversation id (the to-genesys worker
 * calls it right after storing the id), so the conversation is subscribed within milliseconds instead of at the
 * owner's next database sync: the agent may end the conversation soon after, and its end event only reaches a
 * channel that is subscribed by then. Best effort: pub/sub keeps nothing, and a lost hint only means the next sync
 * (NOTIFICATIONS_SYNC_MS) finds the conversation. Never throws, never waits for a down Redis.
 */
@Injectable()
export class SubscriptionHintPublisher implements OnApplicationShutdown {
  private readonly logger = new Logger(SubscriptionHintPublisher.name);
  private redis?: Redis;

  constructor(@Inject(HandoverGatewayEnv) private readonly env: Pick<HandoverGatewayEnv, 'REDIS_URL' | 'QUEUE_PREFIX'>) {}

  async publish(hint: SubscriptionHint): Promise<void> {
    try {
      if (!this.redis) {
        // Queues while (re)connecting, so the first hint after start is not lost, but gives up after a second.
        this.redis = new Redis({ ...redisConnectionOptions(this.env.REDIS_URL, 'http'), enableOfflineQueue: true, commandTimeout: 1_000, connectionName: 'notifications-hints' });
        this.redis.on('error', () => undefined);
      }
      await this.redis.publish(hintChannel(this.env.QUEUE_PREFIX), JSON.stringify(hint));
    } catch (error) {
      this.logger.debug({ ...hint, error: (error as Error).message }, 'subscription hint not published; the next sync finds the conversation');
    }
  }

  onApplicationShutdown(): void {
    this.redis?.disconnect();
  }
}

/** Receives the hints (a subscriber connection of its own: a subscribed ioredis connection can do nothing else). */
export class SubscriptionHintListener {
  private readonly logger = new Logger(SubscriptionHintListener.name);
  private readonly redis: Redis;

  constructor(settings: Pick<HandoverGatewayEnv, 'REDIS_URL' | 'QUEUE_PREFIX'>, onHint: (hint: SubscriptionHint) => void) {
    // Worker role: keeps reconnecting, and ioredis subscribes again after each reconnect.
    this.redis = new Redis({ ...redisConnectionOptions(settings.REDIS_URL, 'worker'), connectionName: 'notifications-hint-listener' });
    this.redis.on('error', () => undefined);
    this.redis.on('message', (_channel: string, text: string) => {
      const hint = parseHint(text);
      if (hint) onHint(hint);
    });
    this.redis.subscribe(hintChannel(settings.QUEUE_PREFIX)).catch((error: Error) => this.logger.warn(`could not subscribe to the subscription hints: ${error.message}`));
  }

  close(): void {
    this.redis.disconnect();
  }
}

function parseHint(text: string): SubscriptionHint | undefined {
  try {
    const value = JSON.parse(text) as Partial<SubscriptionHint>;
    return typeof value.connectionId === 'string' && typeof value.genesysConversationId === 'string' ? { connectionId: value.connectionId, genesysConversationId: value.genesysConversationId } : undefined;
  } catch {
    return undefined;
  }
}
