import { Inject, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job, Queue } from 'bullmq';
import { BotSessionRepository, BotTurnRepository, MessageRepository } from '@genesys-bridge/persistence';
import {
  HOUSEKEEPING_JOB_OPTIONS,
  HousekeepingJob,
  PURGE_FINISHED_MESSAGES_SCHEDULER_ID,
  type PurgeFinishedMessagesV1,
  QueueName,
} from '@genesys-bridge/queue-contracts';
import { MetadataServiceEnv } from '../config/metadata-service.env';

const DAY_MS = 24 * 3600 * 1000;

/**
 * Hourly retention: delivered and failed outbox rows and answered Bot Connector turns older than
 * MESSAGE_RETENTION_DAYS (the turns are the messageId de-duplication window), and expired bot sessions.
 */
@Processor(QueueName.Housekeeping)
export class PurgeFinishedMessagesProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(PurgeFinishedMessagesProcessor.name);

  constructor(
    private readonly messages: MessageRepository,
    private readonly botTurns: BotTurnRepository,
    private readonly botSessions: BotSessionRepository,
    @Inject(MetadataServiceEnv) private readonly env: MetadataServiceEnv,
    @InjectQueue(QueueName.Housekeeping) private readonly queue: Queue,
  ) {
    super();
  }

  /** Idempotent across replicas: the scheduler id is fixed. */
  async onApplicationBootstrap(): Promise<void> {
    await this.queue.upsertJobScheduler(
      PURGE_FINISHED_MESSAGES_SCHEDULER_ID,
      { every: 3600 * 1000 },
      { name: HousekeepingJob.PurgeFinishedMessages, data: { v: 1 } satisfies PurgeFinishedMessagesV1, opts: HOUSEKEEPING_JOB_OPTIONS },
    );
  }

  async process(job: Job<PurgeFinishedMessagesV1>): Promise<{ purged: number; turns: number; sessions: number }> {
    if (job.name !== HousekeepingJob.PurgeFinishedMessages) throw new Error(`unknown job ${job.name} on ${QueueName.Housekeeping}`);
    const cutoff = new Date(Date.now() - this.env.MESSAGE_RETENTION_DAYS * DAY_MS);
    const purged = await this.messages.purgeFinished(cutoff);
    const turns = await this.botTurns.purgeOlderThan(cutoff);
    const sessions = await this.botSessions.purgeExpired();
    this.logger.log(`purged ${purged} finished message(s) and ${turns} bot turn(s) older than ${this.env.MESSAGE_RETENTION_DAYS} days, and ${sessions} expired bot session(s)`);
    return { purged, turns, sessions };
  }
}
