import { Module } from '@nestjs/common';
import { HandoverService } from './handover.service';

/** The handover core every intake (generic API, Cognigy, Kore BotKit) writes through. */
@Module({ providers: [HandoverService], exports: [HandoverService] })
export class HandoversModule {}
