import { presentedApiKeys } from '@genesys-bridge/service-runtime';
import { type CanActivate, type ExecutionContext, Injectable, Logger, UnauthorizedException } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { ConnectionRepository, type ConnectionSecrets } from '@genesys-bridge/persistence';
import { matchesAnySecret } from '@genesys-bridge/signatures';
import { type HandoverApiRequest, loadConnection } from '../handovers/connection-access';

/** Where the keys live in the connection's sealed `botPlatformSecrets`: a list, current first, previous while rotating. */
export const EVENT_API_KEYS_SECRET = 'eventApiKeys';
export const INVALID_EVENT_KEY_MESSAGE = 'missing or invalid event API key (x-api-key: <key>, Authorization: Bearer <key>, or Authorization: <key>)';
export const NO_EVENT_KEY_MESSAGE = `no event API key is configured for this connection, so every event is refused; set botPlatformSecrets.${EVENT_API_KEYS_SECRET}`;

/**
 * Authenticates Genesys' calls to the end-detection intake (a Web Services Data Action, an EventBridge API
 * destination) per connection, before the body is read: the key must equal one of the connection's
 * `botPlatformSecrets.eventApiKeys`, compared in constant time. Separate from the handover API keys, so the key pasted
 * into Genesys or AWS can only report events. Accepted as `x-api-key`, `Authorization: Bearer <key>`, or a bare
 * `Authorization: <key>` (what an EventBridge connection with API-key auth named `Authorization` sends).
 */
@Injectable()
export class EventApiKeyGuard implements CanActivate {
  private readonly logger = new Logger(EventApiKeyGuard.name);

  constructor(private readonly connections: ConnectionRepository) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<HandoverApiRequest>();
    const connectionId = (request.params as { connectionId?: string }).connectionId ?? '';
    const loaded = await loadConnection(this.connections, connectionId, this.logger);
    const keys = eventApiKeys(loaded.secrets);
    if (keys.length === 0) {
      this.logger.warn({ connectionId }, 'Genesys event refused: the connection has no event API key');
      throw new UnauthorizedException({ statusCode: 401, error: 'Unauthorized', message: NO_EVENT_KEY_MESSAGE });
    }
    const presented = presentedEventKeys(request.headers);
    // Every presented key is compared against every accepted one: no early exit that timing could reveal.
    const valid = presented.map((key) => matchesAnySecret(key, keys)).includes(true);
    if (!valid) {
      this.logger.warn({ connectionId, keyPresent: presented.length > 0 }, 'Genesys event refused: bad event API key');
      throw new UnauthorizedException({ statusCode: 401, error: 'Unauthorized', message: INVALID_EVENT_KEY_MESSAGE });
    }
    request.handoverConnection = loaded.connection;
    return true;
  }
}

/** The accepted keys: a list (current and previous while rotating) or, tolerated, one string. */
export function eventApiKeys(secrets: ConnectionSecrets): string[] {
  const stored: unknown = (secrets.botPlatformSecrets as Record<string, unknown>)[EVENT_API_KEYS_SECRET];
  const list = Array.isArray(stored) ? (stored as unknown[]) : [stored];
  return list.filter((key): key is string => typeof key === 'string' && key !== '');
}

/** `x-api-key`, `Authorization: Bearer <key>`, and a bare `Authorization: <key>` (not another scheme such as Basic). */
export function presentedEventKeys(headers: FastifyRequest['headers']): string[] {
  const keys = presentedApiKeys(headers);
  const authorization = headers.authorization;
  if (typeof authorization === 'string' && !/^(bearer|basic|digest)\s/i.test(authorization) && authorization.trim() !== '') keys.push(authorization.trim());
  return keys;
}
