import { Inject, Injectable, Logger, ServiceUnavailableException } from '@nestjs/common';
import { type Connection, HandoverRepository } from '@genesys-bridge/persistence';
import { END_SIGNAL_SINK, type EndSignal, type EndSignalSink } from '../end-detection/end-signal';

export type IntakeOutcome = 'queued' | 'not-ours' | 'already-ended';

/**
 * Hands a parsed Genesys event to end detection, for a conversation of ours only: an org-wide Trigger or EventBridge
 * rule sends events of every Open Messaging conversation, most of them not handovers of this connection — those are
 * dropped here (one indexed read) instead of becoming jobs. The caller answers 202 either way, so a caller learns
 * nothing about which conversations are ours. When the database cannot answer, the signal is queued anyway (the
 * worker looks again); when Redis cannot take it, 503 so Genesys / EventBridge retries.
 */
@Injectable()
export class GenesysEventIntake {
  private readonly logger = new Logger(GenesysEventIntake.name);

  constructor(
    private readonly handovers: HandoverRepository,
    @Inject(END_SIGNAL_SINK) private readonly sink: EndSignalSink,
  ) {}

  async accept(connection: Connection, signal: EndSignal): Promise<IntakeOutcome> {
    try {
      const handover = await this.handovers.findByGenesysConversation(connection.id, signal.genesysConversationId);
      if (!handover) return 'not-ours';
      if (handover.status === 'ended') return 'already-ended';
    } catch (error) {
      this.logger.warn({ connectionId: connection.id, error: (error as Error).message }, 'could not look the conversation up; queuing the end signal anyway');
    }
    try {
      await this.sink.signal(signal);
    } catch (error) {
      this.logger.error({ connectionId: connection.id, genesysConversationId: signal.genesysConversationId, error: (error as Error).message }, 'could not queue an end signal');
      throw new ServiceUnavailableException({ statusCode: 503, error: 'Service Unavailable', message: 'the event could not be queued; retry later' });
    }
    this.logger.log({ connectionId: connection.id, genesysConversationId: signal.genesysConversationId, kind: signal.kind, path: signal.path }, 'end signal queued');
    return 'queued';
  }
}
