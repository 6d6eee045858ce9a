import { type BeforeApplicationShutdown, Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { QueueName } from '@genesys-bridge/queue-contracts';
import { PartitionedConsumer } from '@genesys-bridge/queue-runtime';
import { HandoverGatewayEnv } from '../config/handover-gateway.env';
import { ToBotDelivery } from './to-bot-delivery.service';

/**
 * Consumes every `to-bot-pNN` partition (global concurrency 1 each, perf-reliability.md §1.6 option E) with
 * `ToBotDelivery`. On shutdown the drains in hand stop at their next row and are waited for, before the
 * database and Redis connections close.
 */
@Injectable()
export class ToBotConsumer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private consumer?: PartitionedConsumer;

  constructor(
    private readonly delivery: ToBotDelivery,
    @Inject(HandoverGatewayEnv) private readonly env: HandoverGatewayEnv,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.consumer = new PartitionedConsumer(QueueName.ToBot, (job) => this.delivery.deliverConversation(job), {
      REDIS_URL: this.env.REDIS_URL,
      QUEUE_PREFIX: this.env.QUEUE_PREFIX,
    });
    await this.consumer.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.delivery.stop();
    await this.consumer?.close();
  }
}
