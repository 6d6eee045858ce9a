import { Module } from '@nestjs/common';
import { HandoverApiKeyGuard } from '../handover-api/handover-api-key.guard';
import { HandoversModule } from '../handovers/handovers.module';
import { CognigyHandoverController } from './cognigy-handover.controller';
import { CognigyHandoverService } from './cognigy-handover.service';

/** HTTP process: the Cognigy-style handover intake. */
@Module({ imports: [HandoversModule], controllers: [CognigyHandoverController], providers: [HandoverApiKeyGuard, CognigyHandoverService] })
export class CognigyHandoverModule {}
