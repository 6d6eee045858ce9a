import { type DynamicModule, Module } from '@nestjs/common';
import { BullModule } from '@nestjs/bullmq';
import { TerminusModule } from '@nestjs/terminus';
import { Redis } from 'ioredis';
import { type ProcessRole, redisConnectionOptions } from './redis-connection';
import { REDIS_PROBE, RedisHealthIndicator } from './redis-health.indicator';
import { QUEUE_NAMES, QueueMetrics } from './queue-metrics';
import { DELIVERY_WAKEUP_SETTINGS, DeliveryWakeups } from './delivery-wakeups';

export interface QueueRuntimeSettings {
  REDIS_URL: string;
  QUEUE_PREFIX: string;
}

/**
 * BullMQ for one process: connection options by role, the `{hash-tag}` key prefix (Redis Cluster
 * safe), the given queues registered for injection, queue metrics and a Redis readiness indicator.
 */
@Module({})
export class QueueRuntimeModule {
  static forRoot(settings: QueueRuntimeSettings, role: ProcessRole, queueNames: readonly string[]): DynamicModule {
    const queues = BullModule.registerQueue(...queueNames.map((name) => ({ name })));
    return {
      module: QueueRuntimeModule,
      global: true,
      imports: [BullModule.forRoot({ connection: redisConnectionOptions(settings.REDIS_URL, role), prefix: settings.QUEUE_PREFIX }), queues, TerminusModule],
      providers: [
        {
          provide: REDIS_PROBE,
          useFactory: () => new Redis({ ...redisConnectionOptions(settings.REDIS_URL, 'http'), maxRetriesPerRequest: 0, connectionName: 'readiness-probe' }),
        },
        { provide: QUEUE_NAMES, useValue: queueNames },
        { provide: DELIVERY_WAKEUP_SETTINGS, useValue: settings },
        RedisHealthIndicator,
        QueueMetrics,
        DeliveryWakeups,
      ],
      exports: [queues, RedisHealthIndicator, QUEUE_NAMES, DeliveryWakeups],
    };
  }
}
