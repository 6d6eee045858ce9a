import { Module } from '@nestjs/common';
import { AuthModule } from '../auth';
import { ParticipantDataPreviewController } from './participant-data-preview.controller';

/** `POST /participant-data/preview`: what Genesys would get, for any read key of the admin API. */
@Module({ imports: [AuthModule], controllers: [ParticipantDataPreviewController] })
export class ParticipantDataPreviewModule {}
