import type { FastifyInstance } from 'fastify';
import { requireObject } from '../../shared/control.routes';
import type { KoreJwtAlgorithm, KoreJwtClaims } from '../kore-jwt';
import type { BotkitAgentTransferInput, BotkitEventInput, BotkitUserMessageInput, KoreBotkit } from './kore-botkit';

/**
 * `/sim/botkit/*`: the KoreSim BotKit methods over HTTP (for a standalone simulator). Answers the callback result
 * `{status, body, headers, requestId, payload}`; 400 for bad input or no callback URL, 404 for an unknown bot,
 * 502 when the callback itself failed (network error, timeout).
 */
export function registerBotkitControlRoutes(app: FastifyInstance, botkit: KoreBotkit): void {
  app.post('/sim/botkit/agent-transfer', async (request) => botkit.agentTransfer(requireObject(request.body) as unknown as BotkitAgentTransferInput));
  app.post('/sim/botkit/user-message', async (request) => botkit.userMessage(requireObject(request.body) as unknown as BotkitUserMessageInput));
  app.post('/sim/botkit/bot-message', async (request) => botkit.botMessage(requireObject(request.body) as unknown as BotkitUserMessageInput));
  app.post('/sim/botkit/event', async (request) => botkit.event(requireObject(request.body) as unknown as BotkitEventInput));
  app.post('/sim/botkit/sdk-token', async (request) => {
    const { botId, claims, algorithm, expiresInSeconds } = requireObject(request.body ?? {});
    return {
      token: botkit.sdkToken({
        botId: botId as string | undefined,
        claims: claims as KoreJwtClaims | undefined,
        algorithm: algorithm as KoreJwtAlgorithm | undefined,
        expiresInSeconds: expiresInSeconds as number | null | undefined,
      }),
    };
  });
}
