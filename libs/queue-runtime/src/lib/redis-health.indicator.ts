import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import type { Redis } from 'ioredis';
import { checkEvictionPolicy } from './redis-preflight';

export const REDIS_PROBE = Symbol('REDIS_PROBE');

/**
 * Readiness of Redis through a dedicated connection that never queues commands: while Redis is down
 * the probe fails at once instead of waiting. Warns loudly at start when eviction is not `noeviction`.
 */
@Injectable()
export class RedisHealthIndicator implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Redis');

  constructor(
    private readonly health: HealthIndicatorService,
    @Inject(REDIS_PROBE) private readonly redis: Redis,
  ) {
    let reportedDown = false;
    redis.on('error', (error: NodeJS.ErrnoException) => {
      if (!reportedDown) this.logger.error(`Redis connection lost: ${error.code ?? error.message}; retrying`);
      reportedDown = true;
    });
    redis.on('ready', () => {
      if (reportedDown) this.logger.log('Redis connection restored');
      reportedDown = false;
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.redis.status !== 'ready') {
      await new Promise((resolve) => {
        this.redis.once('ready', resolve);
        setTimeout(resolve, 3_000).unref();
      });
    }
    const check = await checkEvictionPolicy(this.redis);
    if (!check.ok) this.logger.warn(`WARNING: ${check.warning}`);
  }

  async onApplicationShutdown(): Promise<void> {
    this.redis.disconnect();
  }

  async isHealthy(key: string, timeoutMs: number) {
    const indicator = this.health.check(key);
    try {
      await Promise.race([this.redis.ping(), new Promise((_, reject) => setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs).unref())]);
      return indicator.up();
    } catch (error) {
      return indicator.down({ message: (error as Error).message });
    }
  }
}
