import { Module } from '@nestjs/common';
import { RoutingLookupModule } from '@genesys-bridge/routing-lookup';
import { HandoverService } from './handover.service';
import { QueueResolutionStep } from './queue-resolution.step';

/** The handover core every intake (generic API, Cognigy, Kore BotKit) writes through. */
@Module({ imports: [RoutingLookupModule], providers: [HandoverService, QueueResolutionStep], exports: [HandoverService] })
export class HandoversModule {}
