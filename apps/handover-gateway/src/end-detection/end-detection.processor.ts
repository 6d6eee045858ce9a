import { Inject, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { DelayedError, type Job, type Queue } from 'bullmq';
import {
  END_BACKSTOP_JOB_OPTIONS,
  END_BACKSTOP_SCHEDULER_ID,
  type BackstopRoundV1,
  EndDetectionJob,
  type EvaluateEndV1,
  type NoAgentCheckV1,
  QueueName,
} from '@genesys-bridge/queue-contracts';
import { HandoverGatewayEnv } from '../config/handover-gateway.env';
import { EndBackstop } from './end-backstop.service';
import { EndEvaluation } from './end-evaluation.service';
import { EvaluateLater } from './genesys-conversation-reader';
import { NoAgentFallback } from './no-agent-fallback.service';

/** Evaluations are I/O (one database read, one Genesys GET): several at once per worker process. */
export const END_DETECTION_CONCURRENCY = 8;

/**
 * The `end-detection` queue: evaluations (`evaluate-end`), the backstop's rounds (`backstop-round`) and no-agent
 * checks (`no-agent-check`). A job that must wait for the Genesys rate budget (or a 429) goes back to delayed without
 * using an attempt; other failures retry with backoff. The backstop's schedule lives in Redis, so every worker
 * re-asserts it (idempotent upsert) every few intervals, like the outbox sweeper: a Redis that lost its data gets it
 * back.
 */
@Processor(QueueName.EndDetection, { concurrency: END_DETECTION_CONCURRENCY })
export class EndDetectionProcessor extends WorkerHost implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(EndDetectionProcessor.name);
  private keepScheduled?: NodeJS.Timeout;

  constructor(
    private readonly evaluation: EndEvaluation,
    private readonly backstop: EndBackstop,
    private readonly noAgent: NoAgentFallback,
    @Inject(HandoverGatewayEnv) private readonly env: HandoverGatewayEnv,
    @InjectQueue(QueueName.EndDetection) private readonly queue: Queue,
  ) {
    super();
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.schedule();
    if (this.env.END_BACKSTOP_INTERVAL_MS <= 0) return;
    this.keepScheduled = setInterval(() => {
      this.schedule().catch((error: Error) => this.logger.warn(`could not re-assert the end-detection backstop schedule: ${error.message}`));
    }, this.env.END_BACKSTOP_INTERVAL_MS * 2);
    this.keepScheduled.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.keepScheduled);
  }

  private async schedule(): Promise<void> {
    if (this.env.END_BACKSTOP_INTERVAL_MS <= 0) {
      await this.queue.removeJobScheduler(END_BACKSTOP_SCHEDULER_ID);
      return;
    }
    await this.queue.upsertJobScheduler(
      END_BACKSTOP_SCHEDULER_ID,
      { every: this.env.END_BACKSTOP_INTERVAL_MS },
      { name: EndDetectionJob.BackstopRound, data: { v: 1 } satisfies BackstopRoundV1, opts: END_BACKSTOP_JOB_OPTIONS },
    );
  }

  async process(job: Job<EvaluateEndV1 | BackstopRoundV1 | NoAgentCheckV1>, token?: string): Promise<unknown> {
    try {
      switch (job.name) {
        case EndDetectionJob.EvaluateEnd:
          return await this.evaluation.evaluate(job.data as EvaluateEndV1, job.id ?? 'end-detection');
        case EndDetectionJob.NoAgentCheck:
          return await this.noAgent.check(job.data as NoAgentCheckV1, job.id ?? 'no-agent-check');
        case EndDetectionJob.BackstopRound:
          return await this.backstop.round();
        default:
          throw new Error(`unknown job ${job.name} on ${QueueName.EndDetection}`);
      }
    } catch (error) {
      if (!(error instanceof EvaluateLater) || !token) throw error;
      // Not a failure: the budget (or Genesys' Retry-After) says later. Delayed, the attempt is not used up.
      await job.moveToDelayed(Date.now() + error.delayMs, token);
      throw new DelayedError(error.message);
    }
  }
}
