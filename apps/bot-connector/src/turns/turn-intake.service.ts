import { Injectable, Logger, ServiceUnavailableException } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { BotTurnRepository } from '@genesys-bridge/persistence';
import { BotRepliesJob, QueueName, SEND_BOT_REPLY_JOB_OPTIONS, sendBotReplyJobId, type SendBotReplyV1 } from '@genesys-bridge/queue-contracts';
import type { LoadedConnector } from '../connectors/connector-registry.service';
import { type BotAnswer, fallbackAnswer } from './bot-answer';
import type { GenesysTurn } from './genesys-turn';
import { TurnService } from './turn.service';

const DUPLICATE_POLL_MS = 100;

/**
 * Where Genesys turns enter: de-duplication on `messageId` (a resent turn never reaches the bot
 * twice), then the synchronous v1 answer or the asynchronous v2 hand-off to the bot-replies worker.
 */
@Injectable()
export class TurnIntake {
  private readonly logger = new Logger(TurnIntake.name);

  constructor(
    private readonly turns: BotTurnRepository,
    private readonly turnService: TurnService,
    @InjectQueue(QueueName.BotReplies) private readonly replies: Queue,
  ) {}

  async answerV1(connector: LoadedConnector, turn: GenesysTurn, correlationId?: string): Promise<BotAnswer> {
    const unknownBot = unknownBotAnswer(connector, turn);
    if (unknownBot) return unknownBot;
    const connectorId = connector.record.id;
    const { turn: stored, created } = await this.turns.claim({ connectorId, messageId: turn.messageId, botSessionId: turn.botSessionId, apiVersion: 'v1', request: { ...turn } });
    if (!created) return this.awaitStoredAnswer(connector, turn.messageId, stored.response as BotAnswer | null);
    const answer = await this.turnService.answer(connector, turn, connector.settings.timeBudgetMs, correlationId);
    await this.turns.answer(connectorId, turn.messageId, { ...answer });
    return answer;
  }

  /** Stores the v2 turn and wakes a worker; the answer goes to Genesys' outgoing-messages API. */
  async acceptV2(connector: LoadedConnector, turn: GenesysTurn): Promise<void> {
    const connectorId = connector.record.id;
    const { turn: stored } = await this.turns.claim({ connectorId, messageId: turn.messageId, botSessionId: turn.botSessionId, apiVersion: 'v2', request: { ...turn } });
    if (stored.status === 'answered' && stored.response) return;
    const job: SendBotReplyV1 = { v: 1, connectorId, messageId: turn.messageId };
    try {
      await this.replies.add(BotRepliesJob.SendBotReply, job, { ...SEND_BOT_REPLY_JOB_OPTIONS, jobId: sendBotReplyJobId(job) });
    } catch (error) {
      // The turn is stored; a resend of the same messageId enqueues it again once Redis is back.
      this.logger.error({ connectorId, messageId: turn.messageId, error: (error as Error).message }, 'could not queue the v2 reply');
      throw new ServiceUnavailableException({ statusCode: 503, error: 'Service Unavailable', message: 'queue unavailable, retry the turn' });
    }
  }

  /** A resent turn while the first is still with the bot: wait for that answer, within the time budget. */
  private async awaitStoredAnswer(connector: LoadedConnector, messageId: string, response: BotAnswer | null): Promise<BotAnswer> {
    const deadline = Date.now() + connector.settings.timeBudgetMs;
    while (!response && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, DUPLICATE_POLL_MS));
      response = ((await this.turns.find(connector.record.id, messageId))?.response as BotAnswer | null) ?? null;
    }
    return response ?? fallbackAnswer(connector.settings.fallback, 'bot-timeout', 'the first delivery of this turn is still being answered');
  }
}

/** Genesys' own convention for a botId the connector does not serve (genesys-api.md §1.3). */
export function unknownBotAnswer(connector: LoadedConnector, turn: GenesysTurn): BotAnswer | null {
  const bot = connector.settings.bots.find((candidate) => candidate.id === turn.botId);
  if (bot) return null;
  return { botState: 'Failed', replyMessages: [], errorInfo: { errorCode: 'BotNotFound', errorMessage: `bot ${turn.botId.slice(0, 100)} is not served by this connector` } };
}
