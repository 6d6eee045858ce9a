import { Module } from '@nestjs/common';
import { GenesysClients } from '@genesys-bridge/genesys-connections';
import { EndDetectionModule } from '../end-detection/end-detection.module';
import { HandoverEndReports } from '../handovers/handover-end-reports';
import { SubscriptionHintPublisher } from '../notifications/subscription-hints';
import { DeliveryMetrics } from './delivery-metrics';
import { RateBudgetModule } from './rate-budget.module';
import { ToGenesysConsumer } from './to-genesys-consumer';
import { ToGenesysDelivery } from './to-genesys-delivery.service';

/** Worker: ordered user → agent delivery to Genesys Open Messaging (queue `to-genesys`, partitioned). */
@Module({
  imports: [RateBudgetModule, EndDetectionModule],
  providers: [
    GenesysClients,
    DeliveryMetrics,
    HandoverEndReports,
    SubscriptionHintPublisher,
    ToGenesysDelivery,
    ToGenesysConsumer,
  ],
})
export class ToGenesysDeliveryModule {}
