import { createParamDecorator, type ExecutionContext, InternalServerErrorException } from '@nestjs/common';
import type { ConnectorRequest } from './connector-auth.guard';
import type { LoadedConnector } from './connector-registry.service';

/** The connector ConnectorAuthGuard authenticated for this request. */
export const CurrentConnector = createParamDecorator((_data: unknown, context: ExecutionContext): LoadedConnector => {
  const connector = context.switchToHttp().getRequest<ConnectorRequest>().connector;
  if (!connector) throw new InternalServerErrorException('CurrentConnector used without ConnectorAuthGuard');
  return connector;
});
