import { Module } from '@nestjs/common';
import { HandoverApiController } from './handover-api.controller';
import { HandoverApiKeyGuard } from './handover-api-key.guard';
import { HandoverApiService } from './handover-api.service';

/** HTTP process: the generic handover REST API into the to-genesys outbox (the delivery workers drain it). */
@Module({ controllers: [HandoverApiController], providers: [HandoverApiKeyGuard, HandoverApiService] })
export class HandoverApiModule {}
