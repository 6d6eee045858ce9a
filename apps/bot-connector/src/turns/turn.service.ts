import { Injectable, Logger } from '@nestjs/common';
import { applyNumberedChoice, type BotTurnResult, type CanonicalInput, type NumberedChoice, parseGenesysInput, renderGenesysReplies } from '@genesys-bridge/content-conversion';
import { buildHandoverParameters } from '@genesys-bridge/participant-data';
import { BotSessionRepository } from '@genesys-bridge/persistence';
import { BotPlatformError } from '@genesys-bridge/platform-adapters';
import type { LoadedConnector } from '../connectors/connector-registry.service';
import { type BotAnswer, fallbackAnswer, type FallbackReason } from './bot-answer';
import type { GenesysTurn } from './genesys-turn';
import { guardIntent } from './loop-guard';

const DEFAULT_SESSION_TIMEOUT_MINUTES = 60;

/**
 * One customer turn, from Genesys' request to Genesys' answer: map the bot session, parse the input
 * (button clicks become the platform's postback), call the bot within the time budget through the
 * connector's circuit breaker, and turn its output into Genesys replies — or into `Complete` with a
 * handover intent and flat routing parameters, or into the configured fallback. Never hangs.
 */
@Injectable()
export class TurnService {
  private readonly logger = new Logger(TurnService.name);

  constructor(private readonly sessions: BotSessionRepository) {}

  async answer(connector: LoadedConnector, turn: GenesysTurn, budgetMs: number, correlationId?: string): Promise<BotAnswer> {
    const { settings } = connector;
    const { session, isNew } = await this.sessions.touch({
      connectorId: connector.record.id,
      botSessionId: turn.botSessionId,
      timeoutMinutes: turn.botSessionTimeout ?? DEFAULT_SESSION_TIMEOUT_MINUTES,
    });
    const input = this.resolveInput(turn, session.lastOptions as NumberedChoice[] | null);

    let result: BotTurnResult;
    try {
      result = await connector.breaker.fire({
        sessionId: session.platformSessionId,
        userId: session.userId,
        input,
        languageCode: turn.languageCode,
        parameters: turn.parameters,
        isNewSession: isNew,
        signal: AbortSignal.timeout(budgetMs),
        correlationId,
      });
    } catch (error) {
      const reason = fallbackReason(error);
      const detail = error instanceof Error ? error.message : String(error);
      await this.sessions.saveTurnState(connector.record.id, turn.botSessionId, { expiresAt: session.expiresAt });
      this.logger.warn({ connectorId: connector.record.id, botSessionId: turn.botSessionId, reason, error: detail }, 'bot did not answer; using the fallback');
      return fallbackAnswer(settings.fallback, reason, detail);
    }
    for (const warning of result.warnings) this.logger.warn({ connectorId: connector.record.id, warning }, 'bot output');

    const rendered = renderGenesysReplies(result.outputs, settings.capabilities);
    for (const warning of rendered.warnings) this.logger.warn({ connectorId: connector.record.id, warning }, 'reply conversion');
    const replyMessages = rendered.replies as BotAnswer['replyMessages'];

    const reported = result.handover ? settings.handoverIntent : result.endSession ? settings.endIntent : result.intent;
    const slots = result.slots ?? {};
    const guarded = reported ? guardIntent(reported, slots, session, settings.loopGuard) : undefined;
    await this.sessions.saveTurnState(connector.record.id, turn.botSessionId, {
      expiresAt: session.expiresAt,
      ...(guarded?.streak ?? { lastIntent: null, intentStreak: 0, lastSlots: null }),
      lastOptions: rendered.choices.length > 0 ? rendered.choices : null,
    });

    if (result.handover) {
      const { attributes: parameters, warnings } = buildHandoverParameters(result.handover);
      for (const warning of warnings) this.logger.warn({ connectorId: connector.record.id, warning }, 'handover parameters');
      return { botState: 'Complete', replyMessages, intent: guarded?.intent, parameters };
    }
    if (result.endSession) return { botState: 'Complete', replyMessages, intent: guarded?.intent, parameters: {} };
    const entities = Object.entries(slots).map(([name, value]) => ({ name, type: 'String', value }));
    const answer: BotAnswer = { botState: 'MoreData', replyMessages };
    if (guarded && reported && isRegisteredIntent(connector, turn, reported)) Object.assign(answer, { intent: guarded.intent, entities });
    return answer;
  }

  /** Button clicks become postbacks; a typed number picks one of the options last shown as numbered text. */
  private resolveInput(turn: GenesysTurn, lastOptions: NumberedChoice[] | null): CanonicalInput {
    const input = parseGenesysInput(turn.inputMessage as Parameters<typeof parseGenesysInput>[0]);
    return lastOptions?.length ? applyNumberedChoice(input, lastOptions) : input;
  }
}

/** A bot-reported intent is passed to Architect only when the bot list declares it (else Genesys would reject it). */
function isRegisteredIntent(connector: LoadedConnector, turn: GenesysTurn, intent: string): boolean {
  const bot = connector.settings.bots.find((candidate) => candidate.id === turn.botId);
  return !!bot?.intents.some((declared) => declared.name === intent);
}

function fallbackReason(error: unknown): FallbackReason {
  if ((error as { code?: string }).code === 'EOPENBREAKER') return 'bot-unavailable';
  if (error instanceof BotPlatformError) return error.kind === 'timeout' ? 'bot-timeout' : error.kind === 'unreachable' ? 'bot-unavailable' : 'bot-error';
  return 'bot-error';
}
