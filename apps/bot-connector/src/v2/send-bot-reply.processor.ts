import { Logger } from '@nestjs/common';
import { Processor, WorkerHost } from '@nestjs/bullmq';
import { type Job, UnrecoverableError, Worker } from 'bullmq';
import { type BotConnectorReply, isGenesysApiError } from '@genesys-bridge/genesys-client';
import { BotTurnRepository } from '@genesys-bridge/persistence';
import { BotRepliesJob, QueueName, type SendBotReplyV1 } from '@genesys-bridge/queue-contracts';
import { ConnectorRegistry } from '../connectors/connector-registry.service';
import { GenesysClients } from '@genesys-bridge/genesys-connections';
import type { BotAnswer } from '../turns/bot-answer';
import type { GenesysTurn } from '../turns/genesys-turn';
import { TurnService } from '../turns/turn.service';
import { unknownBotAnswer } from '../turns/turn-intake.service';

/**
 * Answers a v2 turn: asks the bot (once — the answer is stored before it is sent, so a retry after a
 * failed send does not ask again) and posts it to Genesys. 429 pauses the queue for exactly
 * Retry-After; 5xx/timeouts retry with backoff; other 4xx fail the job (design.md §6).
 */
@Processor(QueueName.BotReplies, { concurrency: 20, limiter: { max: 1_000, duration: 1_000 } })
export class SendBotReplyProcessor extends WorkerHost {
  private readonly logger = new Logger(SendBotReplyProcessor.name);

  constructor(
    private readonly turns: BotTurnRepository,
    private readonly registry: ConnectorRegistry,
    private readonly turnService: TurnService,
    private readonly genesys: GenesysClients,
  ) {
    super();
  }

  async process(job: Job<SendBotReplyV1>): Promise<{ botState: string }> {
    if (job.name !== BotRepliesJob.SendBotReply) throw new UnrecoverableError(`unknown job ${job.name}`);
    const { connectorId, messageId } = job.data;
    const [turn, connector] = await Promise.all([this.turns.find(connectorId, messageId), this.registry.get(connectorId)]);
    if (!turn || !connector) throw new UnrecoverableError(`turn ${messageId} or connector ${connectorId} no longer exists`);

    const request = turn.request as unknown as GenesysTurn;
    let answer = turn.response as BotAnswer | null;
    if (!answer) {
      answer = unknownBotAnswer(connector, request) ?? (await this.turnService.answer(connector, request, connector.settings.v2TimeBudgetMs, job.id));
      await this.turns.answer(connectorId, messageId, { ...answer });
    }

    try {
      const client = await this.genesys.forConnection(connector.record.connectionId);
      await client.sendBotConnectorReply(toOutgoingMessage(request, answer), { correlationId: job.id });
    } catch (error) {
      if (!isGenesysApiError(error)) throw error;
      if (error.kind === 'rate-limited') {
        await this.worker.rateLimit(error.retryAfterMs ?? 1_000);
        throw Worker.RateLimitError();
      }
      if (!error.retryable) throw new UnrecoverableError(`Genesys refused the reply: ${error.status ?? ''} ${error.code ?? ''} ${error.message}`);
      throw error;
    }
    this.logger.log({ connectorId, botSessionId: request.botSessionId, botState: answer.botState }, 'v2 reply sent');
    return { botState: answer.botState };
  }
}

/** v1 answer → OutgoingMessageRequest; note v2's `errorInfo` is `{code, message}` (genesys-api.md §1.3). */
export function toOutgoingMessage(turn: GenesysTurn, answer: BotAnswer): BotConnectorReply {
  return {
    botId: turn.botId,
    botVersion: turn.botVersion,
    botSessionId: turn.botSessionId,
    messageId: turn.messageId,
    botState: answer.botState,
    languageCode: turn.languageCode,
    replyMessages: answer.replyMessages,
    ...(answer.intent ? { intent: answer.intent } : {}),
    ...(answer.confidence !== undefined ? { confidence: answer.confidence } : {}),
    ...(answer.parameters ? { parameters: answer.parameters } : {}),
    ...(answer.entities?.length ? { entities: answer.entities } : {}),
    ...(answer.errorInfo ? { errorInfo: { code: answer.errorInfo.errorCode, message: answer.errorInfo.errorMessage } } : {}),
  };
}
