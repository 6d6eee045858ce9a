import type { HandoverEntity } from '@genesys-bridge/persistence';
import type { BotKitPayload } from '@genesys-bridge/platform-adapters';

/** What a Kore handover keeps of BotKit: the latest callback, whose URLs and payload our SDK calls reuse. */
export interface KoreHandoverContext {
  botKit: { botId: string; userId: string; baseUrl: string; requestId: string; payload: Record<string, unknown> };
}

export function koreHandoverContext(payload: BotKitPayload): KoreHandoverContext {
  return { botKit: { botId: payload.botId, userId: payload.userId, baseUrl: payload.baseUrl, requestId: payload.requestId, payload: payload.payload } };
}

/** The SDK-call target of a Kore handover; `TypeError` when its context is not one (the message fails as undeliverable). */
export function koreTargetOf(handover: Pick<HandoverEntity, 'platformContext'>): Pick<BotKitPayload, 'baseUrl' | 'requestId' | 'payload'> {
  const botKit = (handover.platformContext as Partial<KoreHandoverContext> | null)?.botKit;
  if (!botKit || typeof botKit.baseUrl !== 'string' || typeof botKit.requestId !== 'string' || typeof botKit.payload !== 'object' || botKit.payload === null) {
    throw new TypeError('the handover has no Kore BotKit context (baseUrl, requestId, payload)');
  }
  return { baseUrl: botKit.baseUrl, requestId: botKit.requestId, payload: botKit.payload };
}
