import { Module } from '@nestjs/common';
import { HandoverApiKeyGuard } from '../handover-api/handover-api-key.guard';
import { DeadLetterMetrics } from './dead-letter-metrics';
import { DeadLettersController } from './dead-letters.controller';
import { DeadLettersService } from './dead-letters.service';

/** HTTP process: the dead-letter view and replay, authenticated with the handover API's per-connection keys. */
@Module({ controllers: [DeadLettersController], providers: [HandoverApiKeyGuard, DeadLettersService, DeadLetterMetrics] })
export class DeadLettersModule {}
