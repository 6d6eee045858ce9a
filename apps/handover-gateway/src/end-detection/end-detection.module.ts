import { Module } from '@nestjs/common';
import { END_SIGNAL_SINK } from './end-signal';
import { EndDetection } from './end-detection.service';

/**
 * The `EndSignalSink` (`END_SIGNAL_SINK`) for any process: the HTTP intake (Triggers, EventBridge), the Notifications
 * API WebSocket manager, the backstop, and the to-genesys worker (which arms the no-agent timer). Needs only Redis.
 */
@Module({
  providers: [EndDetection, { provide: END_SIGNAL_SINK, useExisting: EndDetection }],
  exports: [EndDetection, END_SIGNAL_SINK],
})
export class EndDetectionModule {}
