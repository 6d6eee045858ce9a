import { Module } from '@nestjs/common';
import { SweepStalePendingProcessor } from './sweep-stale-pending.processor';

@Module({ providers: [SweepStalePendingProcessor] })
export class OutboxSweepModule {}
