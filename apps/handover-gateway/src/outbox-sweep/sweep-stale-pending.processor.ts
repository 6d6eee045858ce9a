import { Inject, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job, Queue } from 'bullmq';
import { MessageRepository } from '@genesys-bridge/persistence';
import {
  EXTEND_KORE_REQUESTS_SCHEDULER_ID,
  type ExtendKoreRequestsV1,
  OUTBOX_SWEEP_JOB_OPTIONS,
  OutboxSweepJob,
  QueueName,
  SWEEP_STALE_PENDING_SCHEDULER_ID,
  type SweepStalePendingV1,
} from '@genesys-bridge/queue-contracts';
import { DeliveryWakeups } from '@genesys-bridge/queue-runtime';
import { HandoverGatewayEnv } from '../config/handover-gateway.env';
import { type KeepAliveReport, KoreRequestKeepAlive } from '../kore-botkit/kore-request-keep-alive';

/**
 * The database is the source of truth and a BullMQ job only a wake-up (design.md §4): if Redis lost
 * the wake-up (restart without AOF, failover), this finds the conversations that still have old
 * pending messages and wakes their delivery again. Waking twice is harmless (de-duplicated, and
 * delivery skips what is already delivered). The same queue runs the Kore BotKit keep-alive
 * (`extendcallid` for open Kore handovers every KORE_EXTEND_INTERVAL_MS).
 */
@Processor(QueueName.OutboxSweep)
export class SweepStalePendingProcessor extends WorkerHost implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(SweepStalePendingProcessor.name);
  private keepScheduled?: NodeJS.Timeout;

  constructor(
    private readonly messages: MessageRepository,
    private readonly wakeups: DeliveryWakeups,
    @Inject(HandoverGatewayEnv) private readonly env: HandoverGatewayEnv,
    @InjectQueue(QueueName.OutboxSweep) private readonly queue: Queue,
    private readonly koreKeepAlive: KoreRequestKeepAlive,
  ) {
    super();
  }

  /**
   * The schedule itself lives in Redis, and the sweeper exists for the day Redis loses its data — so
   * every worker re-asserts it (idempotent upsert) every few intervals, not only at start.
   */
  async onApplicationBootstrap(): Promise<void> {
    await this.schedule();
    this.keepScheduled = setInterval(() => {
      this.schedule().catch((error: Error) => this.logger.warn(`could not re-assert the sweep schedule: ${error.message}`));
    }, this.env.OUTBOX_SWEEP_INTERVAL_MS * 2);
    this.keepScheduled.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.keepScheduled);
  }

  private async schedule(): Promise<void> {
    await this.queue.upsertJobScheduler(
      SWEEP_STALE_PENDING_SCHEDULER_ID,
      { every: this.env.OUTBOX_SWEEP_INTERVAL_MS },
      { name: OutboxSweepJob.SweepStalePending, data: { v: 1 } satisfies SweepStalePendingV1, opts: OUTBOX_SWEEP_JOB_OPTIONS },
    );
    if (this.env.KORE_EXTEND_INTERVAL_MS > 0) {
      await this.queue.upsertJobScheduler(
        EXTEND_KORE_REQUESTS_SCHEDULER_ID,
        { every: this.env.KORE_EXTEND_INTERVAL_MS },
        { name: OutboxSweepJob.ExtendKoreRequests, data: { v: 1 } satisfies ExtendKoreRequestsV1, opts: OUTBOX_SWEEP_JOB_OPTIONS },
      );
    } else {
      await this.queue.removeJobScheduler(EXTEND_KORE_REQUESTS_SCHEDULER_ID);
    }
  }

  async process(job: Job<SweepStalePendingV1 | ExtendKoreRequestsV1>): Promise<{ conversationsWoken: number } | KeepAliveReport> {
    if (job.name === OutboxSweepJob.ExtendKoreRequests) return this.koreKeepAlive.extendAll();
    if (job.name !== OutboxSweepJob.SweepStalePending) throw new Error(`unknown job ${job.name} on ${QueueName.OutboxSweep}`);
    const stale = await this.messages.stalePending(new Date(Date.now() - this.env.OUTBOX_STALE_AFTER_MS));
    const conversations = new Map(stale.map((message) => [`${message.connectionId}\u0000${message.conversationKey}\u0000${message.direction}`, message]));
    for (const message of conversations.values()) {
      await this.wakeups.wake(message.direction === 'to-genesys' ? QueueName.ToGenesys : QueueName.ToBot, {
        v: 1,
        connectionId: message.connectionId,
        conversationKey: message.conversationKey,
      });
    }
    if (conversations.size > 0) this.logger.warn(`woke ${conversations.size} conversation(s) with ${stale.length} stale pending message(s)`);
    return { conversationsWoken: conversations.size };
  }
}
