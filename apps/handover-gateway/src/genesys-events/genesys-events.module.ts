import { Module } from '@nestjs/common';
import { EndDetectionModule } from '../end-detection/end-detection.module';
import { EventApiKeyGuard } from './event-api-key.guard';
import { GenesysEventsController } from './genesys-events.controller';
import { GenesysEventIntake } from './genesys-event-intake.service';

/** HTTP process: `POST /genesys/events/{connectionId}`, Genesys Triggers (via a Data Action) and EventBridge into end detection. */
@Module({ imports: [EndDetectionModule], controllers: [GenesysEventsController], providers: [EventApiKeyGuard, GenesysEventIntake] })
export class GenesysEventsModule {}
