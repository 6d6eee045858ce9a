import { Logger } from '@nestjs/common';
import { Queue } from 'bullmq';
import { allDeliveryQueueNames, DELIVERY_JOB_OPTIONS, type DeliverConversationV1, DeliveryJob, deliveryQueueName, QueueName } from '@genesys-bridge/queue-contracts';
import { type PrivateRedis, startPrivateRedis, uniqueQueuePrefix, waitFor } from '@genesys-bridge/testing';
import { PartitionedConsumer } from './partitioned-consumer';

/** The partitioned consumer against a private Redis that is restarted empty (no persistence). */
describe('PartitionedConsumer', () => {
  let redis: PrivateRedis;
  let consumer: PartitionedConsumer | undefined;
  const prefix = uniqueQueuePrefix();

  beforeAll(async () => {
    // The workers log every failed reconnect while Redis is down.
    jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
    redis = await startPrivateRedis();
  });

  afterEach(async () => {
    await consumer?.close();
    consumer = undefined;
  });

  afterAll(async () => {
    jest.restoreAllMocks();
    await redis?.stop();
  });

  async function globalConcurrencies(): Promise<(number | null)[]> {
    return Promise.all(
      allDeliveryQueueNames(QueueName.ToGenesys).map(async (name) => {
        const queue = new Queue(name, { connection: { url: redis.url, maxRetriesPerRequest: 0 }, prefix });
        try {
          return await queue.getGlobalConcurrency();
        } finally {
          await queue.close();
        }
      }),
    );
  }

  it('sets global concurrency 1 on every partition again after Redis came back without its data', async () => {
    const delivered: string[] = [];
    consumer = new PartitionedConsumer(QueueName.ToGenesys, async (job) => void delivered.push(job.conversationKey), { REDIS_URL: redis.url, QUEUE_PREFIX: prefix });
    await consumer.start();
    expect(new Set(await globalConcurrencies())).toEqual(new Set([1]));

    await redis.restart({ downForMs: 300 });
    await waitFor(async () => (await globalConcurrencies()).every((value) => value === 1), { timeoutMs: 15_000, what: 'global concurrency 1 on every partition again' });

    // And the partitions are consumed again.
    const job: DeliverConversationV1 = { v: 1, connectionId: 'connection-1', conversationKey: 'conversation-after-restart' };
    const queue = new Queue(deliveryQueueName(QueueName.ToGenesys, job.conversationKey), { connection: { url: redis.url }, prefix });
    try {
      await queue.add(DeliveryJob.DeliverConversation, job, DELIVERY_JOB_OPTIONS);
    } finally {
      await queue.close();
    }
    await waitFor(() => delivered.includes('conversation-after-restart'), { timeoutMs: 15_000, what: 'the wake-up after the restart to be consumed' });
  });
});
