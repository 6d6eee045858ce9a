import { Module } from '@nestjs/common';
import { KoreRequestKeepAlive } from '../kore-botkit/kore-request-keep-alive';
import { SweepStalePendingProcessor } from './sweep-stale-pending.processor';

@Module({ providers: [KoreRequestKeepAlive, SweepStalePendingProcessor] })
export class OutboxSweepModule {}
