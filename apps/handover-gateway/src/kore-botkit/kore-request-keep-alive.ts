import { Injectable, Logger } from '@nestjs/common';
import { ConnectionRepository, HandoverRepository } from '@genesys-bridge/persistence';
import { classifyAgentMessageFailure, type KoreBotKitClient } from '@genesys-bridge/platform-adapters';
import { botKitClientOf } from './kore-botkit-client';
import { koreTargetOf } from './kore-handover-context';

/** Handovers read per query while walking the open ones. */
export const KEEP_ALIVE_PAGE_SIZE = 200;
/** Our budget for one `extendcallid` call. */
export const EXTEND_TIMEOUT_MS = 5_000;

export interface KeepAliveReport {
  extended: number;
  failed: number;
}

/**
 * `extendcallid` (BotKit `sdk.extendRequestId`, bot-platforms.md §B4) for every open Kore handover: keeps the request
 * whose URLs our agent messages use valid while the user is silent. Kore still leaves agent mode after 15 minutes
 * without activity whatever this does; a failure is logged and tried again next round.
 */
@Injectable()
export class KoreRequestKeepAlive {
  private readonly logger = new Logger(KoreRequestKeepAlive.name);

  constructor(
    private readonly handovers: HandoverRepository,
    private readonly connections: ConnectionRepository,
  ) {}

  async extendAll(): Promise<KeepAliveReport> {
    const report: KeepAliveReport = { extended: 0, failed: 0 };
    const clients = new Map<string, Promise<KoreBotKitClient | null>>();
    for (let offset = 0; ; offset += KEEP_ALIVE_PAGE_SIZE) {
      const page = await this.handovers.openOfPlatform('kore', KEEP_ALIVE_PAGE_SIZE, offset);
      for (const handover of page) {
        if (!clients.has(handover.connectionId)) clients.set(handover.connectionId, this.clientFor(handover.connectionId));
        const client = await clients.get(handover.connectionId);
        try {
          if (!client) throw new TypeError('the connection has no BotKit client id or secret');
          await client.call('extendRequestId', koreTargetOf(handover), {}, AbortSignal.timeout(EXTEND_TIMEOUT_MS), handover.id);
          report.extended += 1;
        } catch (error) {
          report.failed += 1;
          this.logger.warn({ connectionId: handover.connectionId, handoverId: handover.id, error: classifyAgentMessageFailure(error).message }, 'could not extend the Kore BotKit request');
        }
      }
      if (page.length < KEEP_ALIVE_PAGE_SIZE) break;
    }
    if (report.extended + report.failed > 0) this.logger.log(report, 'Kore BotKit requests extended');
    return report;
  }

  private async clientFor(connectionId: string): Promise<KoreBotKitClient | null> {
    const connection = await this.connections.findById(connectionId);
    return connection ? botKitClientOf(connection, await this.connections.readSecrets(connectionId)) : null;
  }
}
