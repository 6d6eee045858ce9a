import { Logger } from '@nestjs/common';
import { type Job, Queue, UnrecoverableError, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { allDeliveryQueueNames, type DeliverConversationV1, type DeliveryDirection } from '@genesys-bridge/queue-contracts';
import { redisConnectionOptions } from './redis-connection';

/** Thrown by a delivery handler for a transient failure: the partition pauses this long and the job is retried first. */
export class RetryDeliveryLater extends Error {
  override readonly name = 'RetryDeliveryLater';
  constructor(
    readonly delayMs: number,
    reason: string,
  ) {
    super(reason);
  }
}

export type DeliveryHandler = (job: DeliverConversationV1) => Promise<void>;

export interface PartitionedConsumerOptions {
  REDIS_URL: string;
  QUEUE_PREFIX: string;
  /** How long a worker may hold a job before BullMQ considers it stalled (default 30 s). */
  lockDurationMs?: number;
}

/**
 * Consumes every partition queue of one delivery direction with global concurrency 1 per partition, so
 * a conversation's messages go out one at a time, in order, whichever worker process takes them
 * (perf-reliability.md §1.6, option E). A transient failure (`RetryDeliveryLater`) pauses the partition
 * with `worker.rateLimit` and puts the job back at the head of its queue — ordinary retries with backoff
 * would let later messages overtake it.
 */
export class PartitionedConsumer {
  private readonly logger = new Logger(PartitionedConsumer.name);
  private readonly workers: Worker[] = [];
  private readonly connection: Redis;

  constructor(
    private readonly direction: DeliveryDirection,
    private readonly handler: DeliveryHandler,
    private readonly options: PartitionedConsumerOptions,
  ) {
    this.connection = new Redis(redisConnectionOptions(options.REDIS_URL, 'http'));
    this.connection.on('error', () => undefined);
  }

  async start(): Promise<void> {
    const names = allDeliveryQueueNames(this.direction);
    await this.limitPartitions(names);
    for (const name of names) {
      const worker: Worker = new Worker(name, (job: Job<DeliverConversationV1>) => this.run(worker, job), {
        connection: redisConnectionOptions(this.options.REDIS_URL, 'worker'),
        prefix: this.options.QUEUE_PREFIX,
        concurrency: 1,
        lockDuration: this.options.lockDurationMs ?? 30_000,
        // rateLimit() needs a limiter; this one never binds on its own.
        limiter: { max: 10_000, duration: 1_000 },
      });
      worker.on('error', (error) => this.logger.error(`${name}: ${error.message}`));
      this.workers.push(worker);
    }
    // The limit lives in Redis: a Redis that comes back without its data (restart without persistence, failover
    // to a replica that missed it) has forgotten it, and every worker process could drain the same partition at
    // once. Each reconnect sets it again.
    this.connection.on('ready', () => {
      this.limitPartitions(names).catch((error: unknown) => this.logger.error(`${this.direction}: could not set the partitions' global concurrency again: ${(error as Error).message}`));
    });
    this.logger.log(`consuming ${this.workers.length} ${this.direction} partitions`);
  }

  /** Global concurrency 1 on every partition queue (idempotent). */
  private async limitPartitions(names: readonly string[]): Promise<void> {
    await Promise.all(
      names.map(async (name) => {
        const queue = new Queue(name, { connection: this.connection, prefix: this.options.QUEUE_PREFIX });
        try {
          await queue.setGlobalConcurrency(1);
        } finally {
          await queue.close();
        }
      }),
    );
  }

  private async run(worker: Worker, job: Job<DeliverConversationV1>): Promise<void> {
    try {
      await this.handler(job.data);
    } catch (error) {
      if (error instanceof RetryDeliveryLater) {
        await worker.rateLimit(error.delayMs);
        throw Worker.RateLimitError();
      }
      if (error instanceof UnrecoverableError) throw error;
      // Unknown errors are treated as transient too: the row stays pending and order is kept.
      this.logger.warn(`${job.queueName}: ${(error as Error).message}; retrying in 1 s`);
      await worker.rateLimit(1_000);
      throw Worker.RateLimitError();
    }
  }

  /** Finishes the jobs in hand, then stops (graceful shutdown). */
  async close(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.close()));
    this.connection.disconnect();
  }
}
