import { Inject, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job, Queue } from 'bullmq';
import {
  QueueName,
  REFRESH_DUE_NAMES_SCHEDULER_ID,
  type RefreshDueNamesV1,
  ROUTING_REFRESH_JOB_OPTIONS,
  RoutingRefreshJob,
} from '@genesys-bridge/queue-contracts';
import { type RefreshReport, RoutingLookupEnv, RoutingRefresher } from '@genesys-bridge/routing-lookup';

/**
 * Every ROUTING_REFRESH_INTERVAL_MS: renews the cached queue, skill and language names that were used and expire
 * within the next two intervals (RoutingRefresher), so lookups in the handover path and from Architect keep answering
 * from Redis while renames still show within the TTL.
 */
@Processor(QueueName.RoutingRefresh)
export class RefreshDueNamesProcessor extends WorkerHost implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(RefreshDueNamesProcessor.name);
  private keepScheduled?: NodeJS.Timeout;

  constructor(
    private readonly refresher: RoutingRefresher,
    @Inject(RoutingLookupEnv) private readonly env: RoutingLookupEnv,
    @InjectQueue(QueueName.RoutingRefresh) private readonly queue: Queue,
  ) {
    super();
  }

  /** The schedule lives in Redis: every worker re-asserts it (idempotent upsert), so a Redis that lost it gets it back. */
  async onApplicationBootstrap(): Promise<void> {
    await this.schedule();
    this.keepScheduled = setInterval(() => {
      this.schedule().catch((error: Error) => this.logger.warn(`could not re-assert the routing refresh schedule: ${error.message}`));
    }, Math.max(60_000, this.env.ROUTING_REFRESH_INTERVAL_MS * 2));
    this.keepScheduled.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.keepScheduled);
  }

  private async schedule(): Promise<void> {
    await this.queue.upsertJobScheduler(
      REFRESH_DUE_NAMES_SCHEDULER_ID,
      { every: this.env.ROUTING_REFRESH_INTERVAL_MS },
      { name: RoutingRefreshJob.RefreshDueNames, data: { v: 1 } satisfies RefreshDueNamesV1, opts: ROUTING_REFRESH_JOB_OPTIONS },
    );
  }

  async process(job: Job<RefreshDueNamesV1>): Promise<RefreshReport> {
    if (job.name !== RoutingRefreshJob.RefreshDueNames) throw new Error(`unknown job ${job.name} on ${QueueName.RoutingRefresh}`);
    const report = await this.refresher.refreshDue();
    if (report.refreshed + report.failed > 0) this.logger.log(`renewed ${report.refreshed} cached routing name(s), ${report.failed} failed`);
    return report;
  }
}
