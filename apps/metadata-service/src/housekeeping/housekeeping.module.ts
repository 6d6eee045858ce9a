import { Module } from '@nestjs/common';
import { PurgeFinishedMessagesProcessor } from './purge-finished-messages.processor';

@Module({ providers: [PurgeFinishedMessagesProcessor] })
export class HousekeepingModule {}
