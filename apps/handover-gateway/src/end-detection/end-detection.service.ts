import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import {
  END_DETECTION_JOB_OPTIONS,
  EndDetectionJob,
  type EvaluateEndV1,
  evaluateEndJobId,
  type NoAgentCheckV1,
  noAgentCheckJobId,
  QueueName,
} from '@genesys-bridge/queue-contracts';
import { redisConnectionOptions } from '@genesys-bridge/queue-runtime';
import { HandoverGatewayEnv } from '../config/handover-gateway.env';
import type { EndSignal, EndSignalSink } from './end-signal';
import { evaluationSchedule, type EvaluationSchedule } from './evaluation-schedule';

/** How far in our future an `eventTime` may be before it is taken as a wrong clock (then the receive time counts). */
export const MAX_EVENT_CLOCK_SKEW_MS = 5_000;

/**
 * The front door of end detection (the `EndSignalSink` every source feeds: the Notifications API WebSocket, the
 * Trigger / EventBridge HTTP intake, the backstop): a signal becomes a job on the `end-detection` queue before
 * `signal()` resolves, so a process that dies right after still gets it evaluated. The job runs at once or after the
 * transfer debounce (`evaluationSchedule`), and its id groups a burst of signals for one conversation into one
 * evaluation (the first signal's data is kept: its `eventTime` is the earliest). Works in the HTTP process and in
 * any worker: it opens its own queue connection rather than relying on the queues the process registered.
 */
@Injectable()
export class EndDetection implements EndSignalSink, OnApplicationShutdown {
  private readonly logger = new Logger(EndDetection.name);
  private connection?: Redis;
  private queue?: Queue;
  /** Replaced in tests. */
  clock: () => number = Date.now;

  constructor(@Inject(HandoverGatewayEnv) private readonly env: HandoverGatewayEnv) {}

  async signal(signal: EndSignal): Promise<void> {
    const now = this.clock();
    await this.enqueue(toJob(signal, now), evaluationSchedule(signal.kind, now, this.env.END_TRANSFER_DEBOUNCE_MS));
  }

  /** Queues an evaluation at a chosen time (a follow-up look at a conversation that was still settling). */
  async enqueue(job: EvaluateEndV1, schedule: EvaluationSchedule): Promise<void> {
    await this.endQueue().add(EndDetectionJob.EvaluateEnd, job, {
      ...END_DETECTION_JOB_OPTIONS,
      jobId: evaluateEndJobId(job.connectionId, job.genesysConversationId, schedule.window),
      ...(schedule.delayMs > 0 ? { delay: schedule.delayMs } : {}),
    });
  }

  /**
   * Arms the handover's no-agent timer (botPlatformSettings.noAgentTimeoutMs), when Genesys took its first message:
   * after `delayMs` a worker checks whether an agent ever answered. Once per handover.
   */
  async armNoAgentCheck(connectionId: string, handoverId: string, delayMs: number): Promise<void> {
    const job: NoAgentCheckV1 = { v: 1, connectionId, handoverId };
    await this.endQueue().add(EndDetectionJob.NoAgentCheck, job, { ...END_DETECTION_JOB_OPTIONS, jobId: noAgentCheckJobId(handoverId), delay: Math.max(0, delayMs) });
    this.logger.debug({ connectionId, handoverId, delayMs }, 'no-agent timer armed');
  }

  private endQueue(): Queue {
    if (!this.queue) {
      this.connection = new Redis(redisConnectionOptions(this.env.REDIS_URL, 'http'));
      this.connection.on('error', () => undefined); // surfaced by the failing add() and by readiness
      this.queue = new Queue(QueueName.EndDetection, { connection: this.connection, prefix: this.env.QUEUE_PREFIX });
    }
    return this.queue;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.queue?.close();
    this.connection?.disconnect();
  }
}

/** The job of a signal: the event time as ISO (a future one beyond the skew allowance becomes the receive time). */
export function toJob(signal: EndSignal, receivedAtMs: number): EvaluateEndV1 {
  const eventMs = signal.eventTime.getTime();
  const eventTime = Number.isFinite(eventMs) && eventMs <= receivedAtMs + MAX_EVENT_CLOCK_SKEW_MS ? eventMs : receivedAtMs;
  const detail = signal.detail && Object.values(signal.detail).some((value) => value !== undefined) ? { detail: stripUndefined(signal.detail) } : {};
  return {
    v: 1,
    connectionId: signal.connectionId,
    genesysConversationId: signal.genesysConversationId,
    path: signal.path,
    kind: signal.kind,
    eventTime: new Date(eventTime).toISOString(),
    ...detail,
  };
}

function stripUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as T;
}
