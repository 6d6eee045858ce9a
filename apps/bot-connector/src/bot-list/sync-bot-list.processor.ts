import { Logger } from '@nestjs/common';
import { Processor, WorkerHost } from '@nestjs/bullmq';
import { type Job, UnrecoverableError, Worker } from 'bullmq';
import { isGenesysApiError } from '@genesys-bridge/genesys-client';
import { BotListSyncJob, QueueName, type SyncBotListV1 } from '@genesys-bridge/queue-contracts';
import { BotListLimitError } from './bot-list.builder';
import { BotListSyncError, BotListSyncService } from './bot-list-sync.service';

@Processor(QueueName.BotListSync, { concurrency: 1, limiter: { max: 10, duration: 1_000 } })
export class SyncBotListProcessor extends WorkerHost {
  private readonly logger = new Logger(SyncBotListProcessor.name);

  constructor(private readonly botLists: BotListSyncService) {
    super();
  }

  async process(job: Job<SyncBotListV1>) {
    if (job.name !== BotListSyncJob.SyncBotList) throw new UnrecoverableError(`unknown job ${job.name}`);
    try {
      const result = await this.botLists.sync(job.data.connectorId);
      this.logger.log({ connectorId: job.data.connectorId, ...result }, 'bot list registered with Genesys');
      return result;
    } catch (error) {
      if (error instanceof BotListSyncError || error instanceof BotListLimitError) throw new UnrecoverableError(error.message);
      if (isGenesysApiError(error) && error.kind === 'rate-limited') {
        await this.worker.rateLimit(error.retryAfterMs ?? 1_000);
        throw Worker.RateLimitError();
      }
      if (isGenesysApiError(error) && !error.retryable) throw new UnrecoverableError(error.message);
      throw error;
    }
  }
}
