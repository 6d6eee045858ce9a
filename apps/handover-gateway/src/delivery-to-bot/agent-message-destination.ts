import { Injectable } from '@nestjs/common';
import type { Connection, ConnectionSecrets, HandoverEntity } from '@genesys-bridge/persistence';
import { type AgentMessageSender, CognigyNotifySender, GenericCallbackSender, KoreBotKitSender } from '@genesys-bridge/platform-adapters';
import { koreTargetOf } from '../kore-botkit/kore-handover-context';

/**
 * The sender for a handover's agent messages, from the handover (`platform`, non-secret `platformContext`) and its
 * connection (settings and sealed `botPlatformSecrets`):
 *
 * - `generic`: `platformContext.callbackUrl`; `botPlatformSecrets.callbackHmacSecret` (or `hmacSecret`) signs each
 *   body, `botPlatformSecrets.callbackBearerToken` (or `bearerToken`) is sent as a bearer token.
 * - `cognigy`: `platformContext.{endpointBaseUrl, userId, sessionId}` and `botPlatformSecrets.urlToken` (notify, and
 *   inject for the end of the handover).
 * - `kore`: the latest BotKit callback in `platformContext.botKit`, `botPlatformSettings.botKitClientId` and
 *   `botPlatformSecrets.botKitClientSecret` (sendUserMessage, clearAgentSession).
 * - Private/loopback destinations need `botPlatformSettings.allowPrivateCallbackUrls` (or `allowPrivateNetworks`)
 *   on the connection (SSRF guard, design.md §7).
 *
 * Throws `TypeError` when the handover cannot receive agent messages (no callback URL, missing ids or token, a
 * platform without a sender yet): the message fails with an `InvalidDestination` receipt.
 */
export function agentMessageSenderFor(handover: HandoverEntity, connection: Connection, secrets: ConnectionSecrets): AgentMessageSender {
  const context = handover.platformContext ?? {};
  const settings = connection.botPlatformSettings ?? {};
  const allowPrivateNetworks = settings['allowPrivateCallbackUrls'] === true || settings['allowPrivateNetworks'] === true;
  const secret = (...names: string[]) => names.map((name) => secrets.botPlatformSecrets[name]).find((value) => typeof value === 'string' && value !== '');
  switch (handover.platform) {
    case 'generic':
      return new GenericCallbackSender({
        callbackUrl: required(context['callbackUrl'], 'the handover has no callbackUrl'),
        handoverId: handover.id,
        conversationId: handover.platformConversationId,
        hmacSecret: secret('callbackHmacSecret', 'hmacSecret'),
        bearerToken: secret('callbackBearerToken', 'bearerToken'),
        allowPrivateNetworks,
      });
    case 'cognigy':
      return new CognigyNotifySender({
        endpointBaseUrl: required(context['endpointBaseUrl'], 'the handover has no Cognigy endpointBaseUrl'),
        userId: required(context['userId'], 'the handover has no Cognigy userId'),
        sessionId: required(context['sessionId'], 'the handover has no Cognigy sessionId'),
        urlToken: required(secret('urlToken'), 'the connection has no Cognigy urlToken secret'),
        typingNotify: settings['cognigyTypingNotify'] === true,
        allowPrivateNetworks,
      });
    case 'kore':
      return new KoreBotKitSender({
        target: koreTargetOf(handover),
        clientId: required(settings['botKitClientId'], 'the connection has no botKitClientId setting'),
        clientSecret: required(secret('botKitClientSecret'), 'the connection has no botKitClientSecret secret'),
        allowPrivateNetworks,
      });
    default:
      throw new TypeError(`agent messages cannot be delivered to ${handover.platform} handovers`);
  }
}

function required(value: unknown, problem: string): string {
  if (typeof value !== 'string' || value === '') throw new TypeError(problem);
  return value;
}

/** `agentMessageSenderFor` as a provider (tests replace it). */
@Injectable()
export class AgentMessageDestinations {
  senderFor(handover: HandoverEntity, connection: Connection, secrets: ConnectionSecrets): AgentMessageSender {
    return agentMessageSenderFor(handover, connection, secrets);
  }
}
