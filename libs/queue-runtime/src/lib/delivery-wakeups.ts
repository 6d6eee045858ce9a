import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import {
  DELIVERY_JOB_OPTIONS,
  type DeliverConversationV1,
  deliverConversationDedupId,
  type DeliveryDirection,
  DeliveryJob,
  deliveryQueueName,
} from '@genesys-bridge/queue-contracts';
import { redisConnectionOptions } from './redis-connection';

export const DELIVERY_WAKEUP_SETTINGS = Symbol('DELIVERY_WAKEUP_SETTINGS');

export interface DeliveryWakeupSettings {
  REDIS_URL: string;
  QUEUE_PREFIX: string;
}

/**
 * Adds "deliver this conversation" wake-up jobs to the conversation's partition queue. Partition
 * queues are opened lazily over one shared connection (not one connection per partition). BullMQ
 * de-duplication keeps at most one waiting wake-up per conversation next to an active one, so a
 * message stored while its conversation is being delivered is never missed.
 */
@Injectable()
export class DeliveryWakeups implements OnApplicationShutdown {
  private connection?: Redis;
  private readonly queues = new Map<string, Queue>();

  constructor(@Inject(DELIVERY_WAKEUP_SETTINGS) private readonly settings: DeliveryWakeupSettings) {}

  async wake(direction: DeliveryDirection, job: DeliverConversationV1): Promise<void> {
    await this.queue(deliveryQueueName(direction, job.conversationKey)).add(DeliveryJob.DeliverConversation, job, {
      ...DELIVERY_JOB_OPTIONS,
      deduplication: { id: deliverConversationDedupId(job), keepLastIfActive: true },
    });
  }

  queue(name: string): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      if (!this.connection) {
        this.connection = new Redis(redisConnectionOptions(this.settings.REDIS_URL, 'http'));
        this.connection.on('error', () => undefined); // surfaced by the failing add() and by readiness
      }
      queue = new Queue(name, { connection: this.connection, prefix: this.settings.QUEUE_PREFIX });
      this.queues.set(name, queue);
    }
    return queue;
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([...this.queues.values()].map((queue) => queue.close()));
    this.connection?.disconnect();
  }
}
