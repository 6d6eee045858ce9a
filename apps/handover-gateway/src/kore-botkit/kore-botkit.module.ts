import { Module } from '@nestjs/common';
import { HandoversModule } from '../handovers/handovers.module';
import { BotKitTokenGuard } from './botkit-token.guard';
import { KoreBotKitController } from './kore-botkit.controller';
import { KoreBotKitService } from './kore-botkit.service';

/** HTTP process: Kore BotKit callbacks into handovers (and pass-through while no agent is attached). */
@Module({ imports: [HandoversModule], controllers: [KoreBotKitController], providers: [BotKitTokenGuard, KoreBotKitService] })
export class KoreBotKitModule {}
