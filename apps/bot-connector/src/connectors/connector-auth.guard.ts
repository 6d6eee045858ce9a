import { BlockList, isIP } from 'node:net';
import { type CanActivate, type ExecutionContext, Injectable, NotFoundException, UnauthorizedException } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import jwt from 'jsonwebtoken';
import { matchesAnySecret } from '@genesys-bridge/signatures';
import type { ConnectorAuthSettings, ConnectorSecrets } from './connector-settings';
import { ConnectorRegistry, type LoadedConnector } from './connector-registry.service';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type ConnectorRequest = FastifyRequest & { connector?: LoadedConnector };

/**
 * Authenticates Genesys on a connector's endpoints before anything is parsed or stored: the
 * connector's verify token (in its configured header) or an HS256 JWT (`Authorization: Bearer`),
 * current or previous secret, compared in constant time; optionally only from allowed CIDRs.
 * Tenant A's credentials never open tenant B's connector: secrets are per connector.
 */
@Injectable()
export class ConnectorAuthGuard implements CanActivate {
  constructor(private readonly registry: ConnectorRegistry) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<ConnectorRequest>();
    const connectorId = (request.params as { connectorId?: string }).connectorId ?? '';
    const connector = UUID.test(connectorId) ? await this.registry.get(connectorId) : null;
    if (!connector) throw new NotFoundException({ statusCode: 404, error: 'Not Found', message: `unknown connector ${connectorId.slice(0, 64)}` });
    if (!sourceAllowed(request.ip, connector.settings.auth.allowedCidrs)) {
      throw new UnauthorizedException({ statusCode: 401, error: 'Unauthorized', message: 'source address not allowed for this connector' });
    }
    if (!credentialValid(request.headers, connector.settings.auth, connector.secrets)) {
      throw new UnauthorizedException({ statusCode: 401, error: 'Unauthorized', message: 'missing or invalid connector credential' });
    }
    request.connector = connector;
    return true;
  }
}

function credentialValid(headers: FastifyRequest['headers'], auth: ConnectorAuthSettings, secrets: ConnectorSecrets): boolean {
  if (auth.mode === 'verify-token') {
    const received = headers[auth.headerName.toLowerCase()];
    return typeof received === 'string' && matchesAnySecret(received, secrets.verifyTokens ?? []);
  }
  const authorization = headers.authorization;
  const token = typeof authorization === 'string' && /^bearer /i.test(authorization) ? authorization.slice(7).trim() : '';
  if (!token) return false;
  return (secrets.jwtSecrets ?? []).some((secret) => {
    try {
      jwt.verify(token, secret, { algorithms: ['HS256'] });
      return true;
    } catch {
      return false;
    }
  });
}

function sourceAllowed(ip: string, allowedCidrs: string[] | undefined): boolean {
  if (!allowedCidrs || allowedCidrs.length === 0) return true;
  const list = new BlockList();
  for (const cidr of allowedCidrs) {
    const [network, prefix] = cidr.split('/');
    list.addSubnet(network, Number(prefix), isIP(network) === 6 ? 'ipv6' : 'ipv4');
  }
  const address = ip.startsWith('::ffff:') ? ip.slice(7) : ip;
  return list.check(address, isIP(address) === 6 ? 'ipv6' : 'ipv4');
}
