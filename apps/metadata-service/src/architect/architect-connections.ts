import { ForbiddenException, Injectable, Logger, NotFoundException, ServiceUnavailableException } from '@nestjs/common';
import { type Connection, ConnectionRepository } from '@genesys-bridge/persistence';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The connection of an Architect route: 404 unknown, 403 disabled, 503 when the database cannot answer. */
@Injectable()
export class ArchitectConnections {
  private readonly logger = new Logger(ArchitectConnections.name);

  constructor(private readonly connections: ConnectionRepository) {}

  async load(connectionId: string): Promise<Connection> {
    let connection: Connection | null = null;
    if (UUID.test(connectionId)) {
      try {
        connection = await this.connections.findById(connectionId);
      } catch (error) {
        this.logger.error({ connectionId, error: (error as Error).message }, 'could not read the connection of an Architect request');
        throw new ServiceUnavailableException({ statusCode: 503, error: 'Service Unavailable', message: 'the connection could not be read; retry later' });
      }
    }
    if (!connection) throw new NotFoundException({ statusCode: 404, error: 'Not Found', message: `unknown connection ${connectionId.slice(0, 64)}` });
    if (connection.disabledAt) throw new ForbiddenException({ statusCode: 403, error: 'Forbidden', message: `connection ${connection.id} is disabled` });
    return connection;
  }
}
