import { Inject, Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { Gauge, Registry } from 'prom-client';
import { METRICS_PREFIX } from '@genesys-bridge/observability';

export const QUEUE_NAMES = Symbol('QUEUE_NAMES');
const STATES = ['waiting', 'active', 'delayed', 'prioritized', 'failed', 'completed'] as const;

/**
 * Queue depth per state and the age of the oldest waiting job, read from Redis on each scrape:
 * what SREs alert and autoscale on (design.md §6).
 */
@Injectable()
export class QueueMetrics {
  constructor(
    @Inject(Registry) registry: Registry,
    @Inject(QUEUE_NAMES) queueNames: readonly string[],
    moduleRef: ModuleRef,
  ) {
    if (queueNames.length === 0) return;
    const queues = (): Queue[] => queueNames.map((name) => moduleRef.get<Queue>(getQueueToken(name), { strict: false }));
    new Gauge({
      name: `${METRICS_PREFIX}queue_jobs`,
      help: 'Jobs per queue and state',
      labelNames: ['queue', 'state'],
      registers: [registry],
      async collect() {
        this.reset();
        for (const queue of queues()) {
          const counts = await queue.getJobCounts(...STATES).catch(() => null);
          if (counts) for (const state of STATES) this.set({ queue: queue.name, state }, counts[state] ?? 0);
        }
      },
    });
    new Gauge({
      name: `${METRICS_PREFIX}queue_oldest_waiting_age_seconds`,
      help: 'Age of the oldest waiting job per queue (0 when none waits)',
      labelNames: ['queue'],
      registers: [registry],
      async collect() {
        this.reset();
        for (const queue of queues()) {
          const [oldest] = await queue.getJobs(['waiting'], -1, -1).catch(() => []);
          this.set({ queue: queue.name }, oldest ? Math.max(0, (Date.now() - oldest.timestamp) / 1000) : 0);
        }
      },
    });
  }
}
