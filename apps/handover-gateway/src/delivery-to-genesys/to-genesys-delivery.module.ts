import { Module } from '@nestjs/common';
import { GenesysClients } from '@genesys-bridge/genesys-connections';
import { HandoverGatewayEnv } from '../config/handover-gateway.env';
import { HandoverEndReports } from '../handovers/handover-end-reports';
import { DeliveryMetrics } from './delivery-metrics';
import { GenesysRateBudget } from './genesys-rate-budget';
import { ToGenesysConsumer } from './to-genesys-consumer';
import { ToGenesysDelivery } from './to-genesys-delivery.service';

/** Worker: ordered user → agent delivery to Genesys Open Messaging (queue `to-genesys`, partitioned). */
@Module({
  providers: [
    GenesysClients,
    DeliveryMetrics,
    { provide: GenesysRateBudget, inject: [HandoverGatewayEnv], useFactory: (env: HandoverGatewayEnv) => GenesysRateBudget.connect(env) },
    HandoverEndReports,
    ToGenesysDelivery,
    ToGenesysConsumer,
  ],
})
export class ToGenesysDeliveryModule {}
