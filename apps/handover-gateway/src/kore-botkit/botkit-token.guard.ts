import { type CanActivate, type ExecutionContext, Injectable, Logger, NotFoundException, UnauthorizedException } from '@nestjs/common';
import { ConnectionRepository, type ConnectionSecrets } from '@genesys-bridge/persistence';
import { BotKitTokenError, verifyBotKitToken } from '@genesys-bridge/platform-adapters';
import { type HandoverApiRequest, loadConnection } from '../handovers/connection-access';

/** The BotKit app's client secrets in the connection's sealed `botPlatformSecrets`: current, then previous while rotating. */
export const BOTKIT_SECRET_NAMES = ['botKitClientSecret', 'botKitClientSecretPrevious'] as const;
export const BOTKIT_TOKEN_HEADER = 'token';

/**
 * Authenticates Kore's BotKit callbacks (bot-platforms.md §B4) before anything is read or stored: header
 * `token: <JWT>`, HS256/HS512 with the connection's BotKit client secret (`botKitClientSecret`, or
 * `botKitClientSecretPrevious` during a rotation), `appId` = `botPlatformSettings.botKitClientId`. The deprecated
 * `apikey` header is not accepted. When `botPlatformSettings.botKitBotIds` lists bots, other bot ids are unknown (404).
 */
@Injectable()
export class BotKitTokenGuard implements CanActivate {
  private readonly logger = new Logger(BotKitTokenGuard.name);

  constructor(private readonly connections: ConnectionRepository) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<HandoverApiRequest>();
    const params = request.params as { connectionId?: string; botId?: string };
    const connectionId = params.connectionId ?? '';
    const { connection, secrets } = await loadConnection(this.connections, connectionId, this.logger);
    const settings = connection.botPlatformSettings ?? {};
    const clientId = settings['botKitClientId'];
    const clientSecrets = botKitSecrets(secrets);
    if (typeof clientId !== 'string' || clientId === '' || clientSecrets.length === 0) {
      this.logger.warn({ connectionId }, 'BotKit callback refused: the connection has no botKitClientId setting or botKitClientSecret');
      throw new UnauthorizedException({ statusCode: 401, error: 'Unauthorized', message: 'Kore BotKit is not configured for this connection (botKitClientId, botKitClientSecret)' });
    }
    const allowedBots = settings['botKitBotIds'];
    if (Array.isArray(allowedBots) && !allowedBots.includes(params.botId)) {
      throw new NotFoundException({ statusCode: 404, error: 'Not Found', message: `unknown bot ${String(params.botId).slice(0, 64)} for this connection` });
    }
    const header = request.headers[BOTKIT_TOKEN_HEADER];
    try {
      verifyBotKitToken(typeof header === 'string' ? header : undefined, { clientId, clientSecrets });
    } catch (error) {
      if (!(error instanceof BotKitTokenError)) throw error;
      this.logger.warn({ connectionId, problem: error.problem }, 'BotKit callback refused: bad token');
      throw new UnauthorizedException({ statusCode: 401, error: 'Unauthorized', message: `invalid BotKit token (${error.problem}); send header ${BOTKIT_TOKEN_HEADER}: <JWT signed with the app's client secret, appId = its client id>` });
    }
    request.handoverConnection = connection;
    request.handoverSecrets = secrets;
    return true;
  }
}

export function botKitSecrets(secrets: ConnectionSecrets): string[] {
  const stored = secrets.botPlatformSecrets as Record<string, unknown>;
  return BOTKIT_SECRET_NAMES.map((name) => stored[name]).filter((value): value is string => typeof value === 'string' && value !== '');
}
