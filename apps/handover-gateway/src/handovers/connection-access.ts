import { createParamDecorator, type ExecutionContext, InternalServerErrorException, type Logger, NotFoundException, ServiceUnavailableException } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { type Connection, ConnectionNotFoundError, type ConnectionRepository, type ConnectionSecrets } from '@genesys-bridge/persistence';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A request an intake guard authenticated: the connection it belongs to (and its secrets, when the route needs them). */
export type HandoverApiRequest = FastifyRequest & { handoverConnection?: Connection; handoverSecrets?: ConnectionSecrets };

export interface LoadedConnection {
  connection: Connection;
  secrets: ConnectionSecrets;
}

/**
 * The connection of a `:connectionId` route and its secrets, for the intake guards: 404 for an unknown (or not even
 * well-formed) id and for a disabled connection (the same answer: callers learn nothing more), 503 when the database
 * cannot answer (the caller retries).
 */
export async function loadConnection(connections: ConnectionRepository, connectionId: string, logger: Logger): Promise<LoadedConnection> {
  let loaded: LoadedConnection | null = null;
  if (UUID.test(connectionId)) {
    try {
      const connection = await connections.findById(connectionId);
      if (connection?.disabledAt) logger.warn({ connectionId }, 'request refused: the connection is disabled (tenant registry)');
      loaded = connection && !connection.disabledAt ? { connection, secrets: await connections.readSecrets(connectionId) } : null;
    } catch (error) {
      if (!(error instanceof ConnectionNotFoundError)) {
        logger.error({ connectionId, error: (error as Error).message }, 'could not read the connection of a request');
        throw new ServiceUnavailableException({ statusCode: 503, error: 'Service Unavailable', message: 'the connection could not be read; retry later' });
      }
    }
  }
  if (!loaded) throw new NotFoundException({ statusCode: 404, error: 'Not Found', message: `unknown connection ${connectionId.slice(0, 64)}` });
  return loaded;
}

/** The connection the route's guard authenticated for this request. */
export const CurrentConnection = createParamDecorator((_data: unknown, context: ExecutionContext): Connection => {
  const connection = context.switchToHttp().getRequest<HandoverApiRequest>().handoverConnection;
  if (!connection) throw new InternalServerErrorException('CurrentConnection used without an intake guard');
  return connection;
});
