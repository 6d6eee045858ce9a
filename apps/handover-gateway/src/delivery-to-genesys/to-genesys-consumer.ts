import { type BeforeApplicationShutdown, Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { QueueName } from '@genesys-bridge/queue-contracts';
import { PartitionedConsumer } from '@genesys-bridge/queue-runtime';
import { HandoverGatewayEnv } from '../config/handover-gateway.env';
import { ToGenesysDelivery } from './to-genesys-delivery.service';

/**
 * Consumes every `to-genesys-pNN` partition (global concurrency 1 each) once the application has started, and on
 * shutdown lets the drains in hand stop at their next row, waits for them, then lets go of Redis.
 */
@Injectable()
export class ToGenesysConsumer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private consumer?: PartitionedConsumer;

  constructor(
    private readonly delivery: ToGenesysDelivery,
    @Inject(HandoverGatewayEnv) private readonly env: HandoverGatewayEnv,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.consumer = new PartitionedConsumer(QueueName.ToGenesys, (job) => this.delivery.deliverConversation(job), this.env);
    await this.consumer.start();
  }

  /** Before the database and the Genesys clients close: the active jobs finish first (graceful drain). */
  async beforeApplicationShutdown(): Promise<void> {
    this.delivery.stop();
    await this.consumer?.close();
  }
}
