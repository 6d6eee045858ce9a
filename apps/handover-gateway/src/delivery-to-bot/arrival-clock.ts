import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { Redis } from 'ioredis';
import { type DeliverConversationV1, deliverConversationDedupId } from '@genesys-bridge/queue-contracts';
import { redisConnectionOptions } from '@genesys-bridge/queue-runtime';
import { HandoverGatewayEnv } from '../config/handover-gateway.env';

/** How long a conversation's arrival times are kept after its last look (longer than any hold or retry). */
export const ARRIVALS_TTL_MS = 60 * 60 * 1_000;

/**
 * When a worker first saw each pending message of a conversation (ms), shared by every worker process through
 * Redis: the inbox's `created_at` has one-second precision on SQLite, too coarse for a sub-second hold. A hash per
 * conversation (`HSETNX`, so the first sighting wins), next to the queue keys under the same `{hash-tag}` prefix,
 * expiring an hour after the conversation's last look. Losing it (Redis data loss) only restarts the hold once.
 */
@Injectable()
export class ArrivalClock implements OnApplicationShutdown {
  private readonly redis: Redis;
  private readonly prefix: string;

  constructor(@Inject(HandoverGatewayEnv) env: Pick<HandoverGatewayEnv, 'REDIS_URL' | 'QUEUE_PREFIX'>) {
    this.redis = new Redis({ ...redisConnectionOptions(env.REDIS_URL, 'http'), enableOfflineQueue: true, connectionName: 'to-bot-arrivals' });
    this.redis.on('error', () => undefined); // a failing command fails the job, which the partition retries
    this.prefix = env.QUEUE_PREFIX;
  }

  /** Records `now` for the ids not seen before and returns every id's first sighting. */
  async firstSeen(job: DeliverConversationV1, rowIds: readonly string[], now: number): Promise<Map<string, number>> {
    if (rowIds.length === 0) return new Map();
    const key = `${this.prefix}:to-bot-arrivals:${deliverConversationDedupId(job)}`;
    const batch = this.redis.multi();
    for (const id of rowIds) batch.hsetnx(key, id, String(now));
    batch.pexpire(key, ARRIVALS_TTL_MS);
    batch.hmget(key, ...rowIds);
    const results = await batch.exec();
    const [error, seen] = results?.at(-1) ?? [new Error('no answer from Redis'), null];
    if (error) throw error;
    return new Map(rowIds.map((id, index) => [id, Number((seen as (string | null)[])[index] ?? now)]));
  }

  onApplicationShutdown(): void {
    this.redis.disconnect();
  }
}
