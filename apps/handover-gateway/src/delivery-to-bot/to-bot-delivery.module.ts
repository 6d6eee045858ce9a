import { Module } from '@nestjs/common';
import { loadEnv } from '@genesys-bridge/config';
import { GenesysClients } from '@genesys-bridge/genesys-connections';
import { RateBudgetModule } from '../delivery-to-genesys/rate-budget.module';
import { AgentMessageDestinations } from './agent-message-destination';
import { ArrivalClock } from './arrival-clock';
import { GenesysReceipts } from './genesys-receipts.service';
import { ToBotConsumer } from './to-bot-consumer';
import { ToBotDelivery } from './to-bot-delivery.service';
import { ToBotDeliverySettings } from './to-bot-delivery.settings';

/** Worker: agent → user delivery from the Open Messaging inbox to the bot platforms, with receipts to Genesys. */
@Module({
  imports: [RateBudgetModule],
  providers: [
    { provide: ToBotDeliverySettings, useFactory: () => loadEnv(ToBotDeliverySettings) },
    GenesysClients,
    AgentMessageDestinations,
    ArrivalClock,
    GenesysReceipts,
    ToBotDelivery,
    ToBotConsumer,
  ],
})
export class ToBotDeliveryModule {}
