import {
  type CanActivate,
  createParamDecorator,
  type ExecutionContext,
  Injectable,
  InternalServerErrorException,
  Logger,
  NotFoundException,
  ServiceUnavailableException,
  UnauthorizedException,
} from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { type Connection, ConnectionNotFoundError, ConnectionRepository, type ConnectionSecrets } from '@genesys-bridge/persistence';
import { matchesAnySecret } from '@genesys-bridge/signatures';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Where the keys live in the connection's sealed `botPlatformSecrets`: a list, current first, previous while rotating. */
export const HANDOVER_API_KEYS_SECRET = 'handoverApiKeys';
export const API_KEY_HEADER = 'x-api-key';
export const INVALID_API_KEY_MESSAGE = `missing or invalid API key (Authorization: Bearer <key> or ${API_KEY_HEADER}: <key>)`;
export const NO_API_KEY_MESSAGE = `no handover API key is configured for this connection, so every call is refused; set botPlatformSecrets.${HANDOVER_API_KEYS_SECRET}`;

export type HandoverApiRequest = FastifyRequest & { handoverConnection?: Connection };

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
    const loaded = UUID.test(connectionId) ? await this.load(connectionId) : null;
    if (!loaded) throw new NotFoundException({ statusCode: 404, error: 'Not Found', message: `unknown connection ${connectionId.slice(0, 64)}` });
    const keys = handoverApiKeys(loaded.secrets);
    if (keys.length === 0) {
      this.logger.warn({ connectionId }, 'handover API call refused: the connection has no handover API key');
      throw new UnauthorizedException({ statusCode: 401, error: 'Unauthorized', message: NO_API_KEY_MESSAGE });
    }
    const presented = presentedKeys(request.headers);
    // Every presented key is compared against every accepted one: no early exit that timing could reveal.
    const valid = presented.map((key) => matchesAnySecret(key, keys)).includes(true);
    if (!valid) {
      this.logger.warn({ connectionId, keyPresent: presented.length > 0 }, 'handover API call refused: bad API key');
      throw new UnauthorizedException({ statusCode: 401, error: 'Unauthorized', message: INVALID_API_KEY_MESSAGE });
    }
    request.handoverConnection = loaded.connection;
    return true;
  }

  /** The connection and its secrets; null when it does not exist, 503 when they cannot be read. */
  private async load(connectionId: string): Promise<{ connection: Connection; secrets: ConnectionSecrets } | null> {
    try {
      const connection = await this.connections.findById(connectionId);
      return connection ? { connection, secrets: await this.connections.readSecrets(connectionId) } : null;
    } catch (error) {
      if (error instanceof ConnectionNotFoundError) return null;
      this.logger.error({ connectionId, error: (error as Error).message }, 'could not read the connection for a handover API call');
      throw new ServiceUnavailableException({ statusCode: 503, error: 'Service Unavailable', message: 'the connection could not be read; retry later' });
    }
  }
}

/** The accepted keys: a list (current and previous while rotating) or, tolerated, one string. */
export function handoverApiKeys(secrets: ConnectionSecrets): string[] {
  const stored: unknown = (secrets.botPlatformSecrets as Record<string, unknown>)[HANDOVER_API_KEYS_SECRET];
  const list = Array.isArray(stored) ? (stored as unknown[]) : [stored];
  return list.filter((key): key is string => typeof key === 'string' && key !== '');
}

/** The keys the caller presented, from either header. */
export function presentedKeys(headers: FastifyRequest['headers']): string[] {
  const keys: string[] = [];
  const authorization = headers.authorization;
  if (typeof authorization === 'string' && /^bearer\s+/i.test(authorization)) keys.push(authorization.replace(/^bearer\s+/i, '').trim());
  const apiKey = headers[API_KEY_HEADER];
  if (typeof apiKey === 'string') keys.push(apiKey.trim());
  return keys.filter((key) => key !== '');
}

/** The connection HandoverApiKeyGuard authenticated for this request. */
export const CurrentConnection = createParamDecorator((_data: unknown, context: ExecutionContext): Connection => {
  const connection = context.switchToHttp().getRequest<HandoverApiRequest>().handoverConnection;
  if (!connection) throw new InternalServerErrorException('CurrentConnection used without HandoverApiKeyGuard');
  return connection;
});
