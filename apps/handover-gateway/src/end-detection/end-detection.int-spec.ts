import { Logger } from '@nestjs/common';
import { type Job, Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { END_BACKSTOP_SCHEDULER_ID, EndDetectionJob, type EvaluateEndV1, QueueName } from '@genesys-bridge/queue-contracts';
import { redisConnectionOptions } from '@genesys-bridge/queue-runtime';
import { TEST_REDIS_URL, uniqueQueuePrefix, waitFor } from '@genesys-bridge/testing';
import type { HandoverGatewayEnv } from '../config/handover-gateway.env';
import type { EndBackstop } from './end-backstop.service';
import { EndDetection } from './end-detection.service';
import { EndDetectionProcessor } from './end-detection.processor';
import type { EndSignal } from './end-signal';
import type { EndEvaluation } from './end-evaluation.service';
import { EvaluateLater } from './genesys-conversation-reader';
import type { NoAgentFallback } from './no-agent-fallback.service';

const T0 = Date.parse('2025-06-01T10:00:00.000Z');

describe('EndDetection with real Redis: debounce and de-duplication', () => {
  const env = { REDIS_URL: TEST_REDIS_URL, QUEUE_PREFIX: uniqueQueuePrefix(), END_TRANSFER_DEBOUNCE_MS: 10_000, END_BACKSTOP_INTERVAL_MS: 0 } as HandoverGatewayEnv;
  let sink: EndDetection;
  let other: EndDetection;
  let queue: Queue;
  let redis: Redis;
  let now = T0;

  const signal = (kind: EndSignal['kind'], genesysConversationId = 'g-1', path: EndSignal['path'] = 'notifications'): EndSignal => ({
    connectionId: 'c-1',
    genesysConversationId,
    path,
    kind,
    eventTime: new Date(now - 500),
  });
  const jobs = async () => (await queue.getJobs(['delayed', 'waiting', 'prioritized', 'active', 'completed'])).sort((a, b) => (a.timestamp ?? 0) - (b.timestamp ?? 0));

  beforeAll(() => {
    Logger.overrideLogger(false);
    sink = new EndDetection(env);
    other = new EndDetection(env); // a second process (the WebSocket manager next to the HTTP intake)
    sink.clock = () => now;
    other.clock = () => now;
    redis = new Redis(TEST_REDIS_URL);
    queue = new Queue(QueueName.EndDetection, { connection: redis, prefix: env.QUEUE_PREFIX });
  });

  beforeEach(async () => {
    await queue.obliterate({ force: true });
  });

  afterAll(async () => {
    await queue.obliterate({ force: true });
    await queue.close();
    await Promise.all([sink.onApplicationShutdown(), other.onApplicationShutdown()]);
    redis.disconnect();
  });

  it('makes a burst of user.end / acw for one conversation, from two processes and two paths, one delayed evaluation', async () => {
    now = T0 + 100;
    await sink.signal(signal('user-end'));
    now = T0 + 400;
    await other.signal(signal('acw', 'g-1', 'trigger'));
    now = T0 + 2_300;
    await sink.signal(signal('acw', 'g-1', 'eventbridge'));
    const [job, ...more] = await jobs();
    expect(more).toEqual([]);
    expect(job.name).toBe(EndDetectionJob.EvaluateEnd);
    // The first signal's data stands: its path, its (earliest) event time.
    expect(job.data).toEqual({ v: 1, connectionId: 'c-1', genesysConversationId: 'g-1', path: 'notifications', kind: 'user-end', eventTime: new Date(T0 - 400).toISOString() });
    expect(await job.getState()).toBe('delayed');
    // Due at the bucket's end + the debounce (T0 + 12.5 s): at least 10 s after every signal of the burst.
    expect(job.delay).toBe(12_400);
  });

  it('evaluates customer.end at once, separately from a pending debounced look, and other conversations separately', async () => {
    now = T0;
    await sink.signal(signal('acw'));
    await sink.signal(signal('customer-end'));
    await other.signal(signal('customer-end', 'g-1', 'eventbridge'));
    await sink.signal(signal('customer-end', 'g-2'));
    const all = await jobs();
    expect(all.map((job) => [job.data.genesysConversationId, job.data.kind, job.opts.delay ?? 0])).toEqual([
      ['g-1', 'acw', 10_000],
      ['g-1', 'customer-end', 0],
      ['g-2', 'customer-end', 0],
    ]);
  });

  it('starts a new debounce window for signals after the bucket, and keeps life signs apart from end signals', async () => {
    now = T0;
    await sink.signal(signal('user-end'));
    now = T0 + 2_600;
    await sink.signal(signal('user-end'));
    await sink.signal(signal('user-start'));
    await sink.signal(signal('check', 'g-1', 'backstop'));
    const all = await jobs();
    expect(all.map((job) => [job.data.kind, job.opts.delay ?? 0]).sort()).toEqual([
      ['check', 0],
      ['user-end', 10_000],
      ['user-end', 12_400],
      ['user-start', 0],
    ]);
  });

  it('arms one no-agent check per handover, however often', async () => {
    await sink.armNoAgentCheck('c-1', 'h-1', 60_000);
    await other.armNoAgentCheck('c-1', 'h-1', 60_000);
    const all = await jobs();
    expect(all.map((job) => [job.name, job.data, job.opts.delay])).toEqual([[EndDetectionJob.NoAgentCheck, { v: 1, connectionId: 'c-1', handoverId: 'h-1' }, 60_000]]);
  });

  it('puts a job waiting for the rate budget back to delayed without using an attempt, then runs it', async () => {
    let calls = 0;
    const evaluation = {
      evaluate: async (job: EvaluateEndV1) => {
        calls += 1;
        if (calls === 1) throw new EvaluateLater(300, 'budget spent');
        return { outcome: 'active', seen: job.kind };
      },
    };
    const processor = new EndDetectionProcessor(evaluation as unknown as EndEvaluation, {} as EndBackstop, {} as NoAgentFallback, env, queue);
    const worker = new Worker(QueueName.EndDetection, (job: Job, token?: string) => processor.process(job, token), { connection: redisConnectionOptions(TEST_REDIS_URL, 'worker'), prefix: env.QUEUE_PREFIX });
    try {
      now = Date.now();
      sink.clock = () => Date.now();
      await sink.signal(signal('customer-end', 'g-9'));
      const job = await waitFor(async () => (await queue.getJobs(['completed']))[0], { timeoutMs: 10_000, what: 'the evaluation to complete' });
      expect(calls).toBe(2);
      expect(job.attemptsMade).toBeLessThanOrEqual(1);
      expect(job.returnvalue).toEqual({ outcome: 'active', seen: 'customer-end' });
      expect(job.finishedOn as number).toBeGreaterThanOrEqual(job.timestamp + 300);
    } finally {
      sink.clock = () => now;
      await worker.close();
    }
  });

  it('schedules the backstop round (and removes the schedule when it is turned off)', async () => {
    const processor = new EndDetectionProcessor({} as EndEvaluation, {} as EndBackstop, {} as NoAgentFallback, { ...env, END_BACKSTOP_INTERVAL_MS: 60_000 } as HandoverGatewayEnv, queue);
    await processor.onApplicationBootstrap();
    processor.onModuleDestroy();
    expect((await queue.getJobSchedulers()).map((scheduler) => [scheduler.key, scheduler.every])).toEqual([[END_BACKSTOP_SCHEDULER_ID, 60_000]]);
    await new EndDetectionProcessor({} as EndEvaluation, {} as EndBackstop, {} as NoAgentFallback, env, queue).onApplicationBootstrap();
    expect(await queue.getJobSchedulers()).toEqual([]);
  });
});
