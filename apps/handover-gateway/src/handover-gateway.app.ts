import { loadEnv } from '@genesys-bridge/config';
import { QueueName } from '@genesys-bridge/queue-contracts';
import type { AppDefinition } from '@genesys-bridge/service-runtime';
import { HandoverGatewayEnv } from './config/handover-gateway.env';
import { DeadLettersModule } from './dead-letters/dead-letters.module';
import { CognigyHandoverModule } from './cognigy/cognigy-handover.module';
import { ToBotDeliveryModule } from './delivery-to-bot/to-bot-delivery.module';
import { ToGenesysDeliveryModule } from './delivery-to-genesys/to-genesys-delivery.module';
import { EndDetectionWorkerModule } from './end-detection/end-detection-worker.module';
import { GenesysEventsModule } from './genesys-events/genesys-events.module';
import { HandoverApiModule } from './handover-api/handover-api.module';
import { KoreBotKitModule } from './kore-botkit/kore-botkit.module';
import { NotificationsModule } from './notifications/notifications.module';
import { NotificationsSettings } from './notifications/notifications.settings';
import { OpenMessagingModule } from './open-messaging/open-messaging.module';
import { OutboxSweepModule } from './outbox-sweep/outbox-sweep.module';

export const handoverGatewayApp: AppDefinition<
  HandoverGatewayEnv,
  typeof QueueName.OutboxSweep | typeof QueueName.ToGenesys | typeof QueueName.ToBot | typeof QueueName.EndDetection
> = {
  name: 'handover-gateway',
  env: HandoverGatewayEnv,
  docs: { title: 'genesys-bridge handover-gateway', description: 'Bot-to-agent handover over Genesys Open Messaging' },
  httpModules: () => [OpenMessagingModule, HandoverApiModule, CognigyHandoverModule, KoreBotKitModule, DeadLettersModule, GenesysEventsModule],
  workerQueues: {
    [QueueName.OutboxSweep]: OutboxSweepModule,
    [QueueName.ToGenesys]: ToGenesysDeliveryModule,
    [QueueName.ToBot]: ToBotDeliveryModule,
    [QueueName.EndDetection]: EndDetectionWorkerModule,
  },
  // Every worker runs the Notifications API manager (end detection over WebSocket) unless NOTIFICATIONS_ENABLED=false.
  workerModules: () => (loadEnv(NotificationsSettings).NOTIFICATIONS_ENABLED ? [NotificationsModule] : []),
};
