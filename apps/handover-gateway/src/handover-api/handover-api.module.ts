import { Module } from '@nestjs/common';
import { HandoverApiController } from './handover-api.controller';
import { HandoverApiKeyGuard } from './handover-api-key.guard';
import { HandoversModule } from '../handovers/handovers.module';

/** HTTP process: the generic handover REST API into the to-genesys outbox (the delivery workers drain it). */
@Module({ imports: [HandoversModule], controllers: [HandoverApiController], providers: [HandoverApiKeyGuard] })
export class HandoverApiModule {}
