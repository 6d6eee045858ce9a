import { Module } from '@nestjs/common';
import { loadEnv } from '@genesys-bridge/config';
import { GenesysClients } from '@genesys-bridge/genesys-connections';
import { RateBudgetModule } from '../delivery-to-genesys/rate-budget.module';
import { EndDetectionModule } from '../end-detection/end-detection.module';
import { NotificationsManager } from './notifications-manager';
import { NotificationsMetrics } from './notifications-metrics';
import { NotificationsSettings } from './notifications.settings';
import { SubscribableHandovers } from './subscribable-handovers';

/**
 * Worker: the Notifications API WebSocket manager (issue #6). Runs in every worker process whatever WORKER_QUEUES
 * says (it consumes no queue); NOTIFICATIONS_ENABLED=false turns it off in a process. Its signals go to end detection.
 */
@Module({
  imports: [EndDetectionModule, RateBudgetModule],
  providers: [
    { provide: NotificationsSettings, useFactory: () => loadEnv(NotificationsSettings) },
    GenesysClients,
    NotificationsMetrics,
    SubscribableHandovers,
    NotificationsManager,
  ],
})
export class NotificationsModule {}
