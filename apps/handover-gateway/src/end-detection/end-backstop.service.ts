import { Inject, Injectable, Logger } from '@nestjs/common';
import { HandoverRepository } from '@genesys-bridge/persistence';
import { HandoverGatewayEnv } from '../config/handover-gateway.env';
import { EndDetection } from './end-detection.service';

/**
 * The backstop (issue #6): every END_BACKSTOP_INTERVAL_MS, active handovers nothing was heard of for
 * END_BACKSTOP_QUIET_MS (no signal, no check: `handovers.last_signal_at`) get a `check` signal — a plain look at the
 * conversation — so an end that every signal path missed (a WebSocket gap, a Trigger not set up, EventBridge down) is
 * still found. At most END_BACKSTOP_MAX_PER_ROUND per round, quietest first, so the backstop's share of each OAuth
 * client's rate budget stays small (docs/end-detection/README.md has the math). Each handover is stamped as it is
 * picked, so a check waiting for the budget is not picked again by the next round.
 */
@Injectable()
export class EndBackstop {
  private readonly logger = new Logger(EndBackstop.name);
  /** Replaced in tests. */
  clock: () => number = Date.now;

  constructor(
    private readonly handovers: HandoverRepository,
    private readonly endDetection: EndDetection,
    @Inject(HandoverGatewayEnv) private readonly env: HandoverGatewayEnv,
  ) {}

  async round(): Promise<{ checks: number }> {
    const now = new Date(this.clock());
    const quiet = (await this.handovers.quietActive(new Date(now.getTime() - this.env.END_BACKSTOP_QUIET_MS), this.env.END_BACKSTOP_MAX_PER_ROUND)).filter(
      (handover): handover is typeof handover & { genesysConversationId: string } => handover.genesysConversationId !== null,
    );
    if (quiet.length === 0) return { checks: 0 };
    await this.handovers.noteSignal(
      quiet.map((handover) => handover.id),
      now,
    );
    for (const handover of quiet) {
      await this.endDetection.signal({ connectionId: handover.connectionId, genesysConversationId: handover.genesysConversationId, path: 'backstop', kind: 'check', eventTime: now });
    }
    this.logger.log({ checks: quiet.length }, 'backstop: quiet handovers get a conversation check');
    return { checks: quiet.length };
  }
}
