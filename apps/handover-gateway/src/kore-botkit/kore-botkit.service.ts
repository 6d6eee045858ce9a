import { BadGatewayException, BadRequestException, Injectable, Logger } from '@nestjs/common';
import { type Connection, type ConnectionSecrets, HandoverRepository } from '@genesys-bridge/persistence';
import {
  type BotKitCall,
  type BotKitPayload,
  BotKitPayloadError,
  classifyAgentMessageFailure,
  type KoreBotKitClient,
  parseBotKitPayload,
} from '@genesys-bridge/platform-adapters';
import { HandoverService } from '../handovers/handover.service';
import { botKitClientOf } from './kore-botkit-client';
import { koreHandoverContext } from './kore-handover-context';
import { koreHandoverRequest, koreUserMessage } from './kore-handover-request';

export const BOTKIT_EVENTS = ['on_agent_transfer', 'on_user_message', 'on_bot_message', 'on_event', 'on_alert', 'on_variable_update'] as const;
export type BotKitEvent = (typeof BOTKIT_EVENTS)[number];

/** Our time budget for a pass-through SDK call made while Kore waits for the callback's answer. */
export const PASS_THROUGH_TIMEOUT_MS = 5_000;

/**
 * `on_event` names that end the customer's side of a handover. The event body of BotKit's OnEvent is UNCONFIRMED
 * (bot-platforms.md §B4): `event.type`, `event.name` and `event.eventType` are read, case-insensitively.
 */
export const ENDING_EVENTS = new Set(['endconversation', 'closeconversation', 'close', 'session_closure', 'conversation_end', 'end_of_conversation', 'endofconversation']);

export type BotKitOutcome = 'handover-started' | 'handover-repeated' | 'to-agent' | 'to-bot' | 'to-user' | 'handover-ended' | 'ignored';

/**
 * Kore BotKit intake (bot-platforms.md §B4, §B5), "Custom (BotKit)" agent transfer:
 *
 * - `on_agent_transfer` starts a handover for the user (`channel.channelInfos.from`): `metaInfo.GenesysMetaData`
 *   (JSON string or object, as `agentUtils.setMetaInfo` sets it) and the other `metaInfo` values become participant
 *   data; the user's last message opens the Genesys conversation.
 * - `on_user_message` with an open handover goes to the agent (and its payload becomes the one our SDK calls reuse);
 *   without one it passes through to the bot (`sendBotMessage`; first `clearAgentSession` when Kore still thinks an
 *   agent is attached) — otherwise the conversation would stall, as BotKit hands every message to us.
 * - `on_bot_message` passes through to the user (`sendUserMessage`).
 * - `on_event` with an ending event ends the handover from the user side (the customer is disconnected in Genesys).
 * - Everything else is acknowledged and ignored.
 */
@Injectable()
export class KoreBotKitService {
  private readonly logger = new Logger(KoreBotKitService.name);

  constructor(
    private readonly handovers: HandoverService,
    private readonly handoverRows: HandoverRepository,
  ) {}

  async handle(event: BotKitEvent, botId: string, body: unknown, connection: Connection, secrets: ConnectionSecrets): Promise<BotKitOutcome> {
    const payload = parse(body);
    if (payload.botId !== botId) throw validation('botId', `is ${JSON.stringify(payload.botId.slice(0, 64))}, but the URL names bot ${JSON.stringify(botId.slice(0, 64))}`);
    switch (event) {
      case 'on_agent_transfer':
        return this.agentTransfer(connection, payload);
      case 'on_user_message':
        return this.userMessage(connection, secrets, payload);
      case 'on_bot_message':
        await this.passThrough(connection, secrets, payload, 'sendUserMessage');
        return 'to-user';
      case 'on_event':
        return this.event(connection, payload);
      default:
        return 'ignored';
    }
  }

  private async agentTransfer(connection: Connection, payload: BotKitPayload): Promise<BotKitOutcome> {
    const context = { ...koreHandoverContext(payload) };
    const { created, body } = await this.handovers.start(connection, 'kore', koreHandoverRequest(payload), context);
    if (created) return 'handover-started';
    // Kore transferred again while the handover is open: agent messages answer this newer request from now on.
    await this.handoverRows.updatePlatformContext(body.handoverId, context);
    return 'handover-repeated';
  }

  private async userMessage(connection: Connection, secrets: ConnectionSecrets, payload: BotKitPayload): Promise<BotKitOutcome> {
    const handover = await this.handovers.findOpen(connection.id, 'kore', payload.userId);
    if (!handover) {
      if (payload.agentTransfer) await this.passThrough(connection, secrets, payload, 'clearAgentSession');
      await this.passThrough(connection, secrets, payload, 'sendBotMessage');
      return 'to-bot';
    }
    await this.handoverRows.updatePlatformContext(handover.id, { ...koreHandoverContext(payload) });
    await this.handovers.send(handover, koreUserMessage(payload));
    return 'to-agent';
  }

  private async event(connection: Connection, payload: BotKitPayload): Promise<BotKitOutcome> {
    const name = eventName(payload.payload);
    if (!name || !ENDING_EVENTS.has(name.toLowerCase())) return 'ignored';
    const handover = await this.handovers.findOpen(connection.id, 'kore', payload.userId);
    if (!handover) return 'ignored';
    await this.handovers.end(connection, handover, `kore-${name}`.slice(0, 64));
    return 'handover-ended';
  }

  /** An SDK call Kore waits for; a failure answers 502 so the callback is not taken as handled. */
  private async passThrough(connection: Connection, secrets: ConnectionSecrets, payload: BotKitPayload, call: BotKitCall): Promise<void> {
    // The guard let the callback in with this connection's BotKit app, so the client exists.
    const client = botKitClientOf(connection, secrets) as KoreBotKitClient;
    try {
      await client.call(call, payload, {}, AbortSignal.timeout(PASS_THROUGH_TIMEOUT_MS));
    } catch (error) {
      const failure = classifyAgentMessageFailure(error);
      this.logger.warn({ connectionId: connection.id, call, error: failure.message }, 'BotKit pass-through failed');
      throw new BadGatewayException({ statusCode: 502, error: 'Bad Gateway', message: `Kore did not take ${call}: ${failure.message}` });
    }
  }
}

function parse(body: unknown): BotKitPayload {
  try {
    return parseBotKitPayload(body);
  } catch (error) {
    if (error instanceof BotKitPayloadError) throw validation(error.path, error.message.slice(error.path.length + 1));
    throw error;
  }
}

function eventName(payload: Record<string, unknown>): string | undefined {
  const event = payload['event'];
  if (typeof event === 'string') return event;
  if (typeof event !== 'object' || event === null) return undefined;
  const fields = event as Record<string, unknown>;
  return [fields['type'], fields['name'], fields['eventType']].find((value): value is string => typeof value === 'string' && value !== '');
}

function validation(path: string, problem: string): BadRequestException {
  return new BadRequestException({ statusCode: 400, error: 'Bad Request', message: 'Request validation failed', errors: [{ path, problems: [`${path} ${problem}`] }] });
}
