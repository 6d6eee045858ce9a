import { type CanActivate, type ExecutionContext, Injectable, Logger, UnauthorizedException } from '@nestjs/common';
import { ConnectionRepository, type ConnectionSecrets } from '@genesys-bridge/persistence';
import { API_KEY_HEADER, presentedApiKeys } from '@genesys-bridge/service-runtime';
import { matchesAnySecret } from '@genesys-bridge/signatures';

export { API_KEY_HEADER } from '@genesys-bridge/service-runtime';
import { type HandoverApiRequest, loadConnection } from '../handovers/connection-access';

export { CurrentConnection, type HandoverApiRequest } from '../handovers/connection-access';

/** Where the keys live in the connection's sealed `botPlatformSecrets`: a list, current first, previous while rotating. */
export const HANDOVER_API_KEYS_SECRET = 'handoverApiKeys';
export const INVALID_API_KEY_MESSAGE = `missing or invalid API key (Authorization: Bearer <key> or ${API_KEY_HEADER}: <key>)`;
export const NO_API_KEY_MESSAGE = `no handover API key is configured for this connection, so every call is refused; set botPlatformSecrets.${HANDOVER_API_KEYS_SECRET}`;

/**
 * Authenticates a bot platform on the handover API before the body is validated or anything is stored: the key
 * from `Authorization: Bearer <key>` or `x-api-key: <key>` must equal one of the connection's handover API keys,
 * compared in constant time. Keys are per connection, so tenant A's key never opens tenant B's handovers.
 */
@Injectable()
export class HandoverApiKeyGuard implements CanActivate {
  private readonly logger = new Logger(HandoverApiKeyGuard.name);

  constructor(private readonly connections: ConnectionRepository) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<HandoverApiRequest>();
    const connectionId = (request.params as { connectionId?: string }).connectionId ?? '';
    const loaded = await loadConnection(this.connections, connectionId, this.logger);
    const keys = handoverApiKeys(loaded.secrets);
    if (keys.length === 0) {
      this.logger.warn({ connectionId }, 'handover API call refused: the connection has no handover API key');
      throw new UnauthorizedException({ statusCode: 401, error: 'Unauthorized', message: NO_API_KEY_MESSAGE });
    }
    const presented = presentedApiKeys(request.headers);
    // Every presented key is compared against every accepted one: no early exit that timing could reveal.
    const valid = presented.map((key) => matchesAnySecret(key, keys)).includes(true);
    if (!valid) {
      this.logger.warn({ connectionId, keyPresent: presented.length > 0 }, 'handover API call refused: bad API key');
      throw new UnauthorizedException({ statusCode: 401, error: 'Unauthorized', message: INVALID_API_KEY_MESSAGE });
    }
    request.handoverConnection = loaded.connection;
    return true;
  }
}

/** The accepted keys: a list (current and previous while rotating) or, tolerated, one string. */
export function handoverApiKeys(secrets: ConnectionSecrets): string[] {
  const stored: unknown = (secrets.botPlatformSecrets as Record<string, unknown>)[HANDOVER_API_KEYS_SECRET];
  const list = Array.isArray(stored) ? (stored as unknown[]) : [stored];
  return list.filter((key): key is string => typeof key === 'string' && key !== '');
}
