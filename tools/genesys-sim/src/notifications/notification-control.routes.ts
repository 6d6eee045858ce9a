import type { FastifyInstance } from 'fastify';
import type { SimContext } from '../sim-context';
import { isPlainObject } from '../support/field-checks';

interface ChannelParams {
  channelId: string;
}

/** `/sim/notifications/*`: the Notifications API's faults over HTTP (no auth; not a Genesys API). */
export function registerNotificationControlRoutes(app: FastifyInstance, ctx: SimContext): void {
  const handle = ctx.notifications.handle();

  app.get('/sim/notifications', async () => ctx.state.notifications);

  app.post('/sim/notifications/cut-sockets', async () => ({ cut: handle.cutSockets() }));

  /** `{closeAfterMs?}`: the warning now, the close later. */
  app.post<{ Params: ChannelParams }>('/sim/notifications/channels/:channelId/socket-closing', async (request, reply) => {
    const closeAfterMs = isPlainObject(request.body) && typeof request.body.closeAfterMs === 'number' ? request.body.closeAfterMs : undefined;
    handle.warnClosing(request.params.channelId, closeAfterMs);
    return reply.code(204).send();
  });

  app.post<{ Params: ChannelParams }>('/sim/notifications/channels/:channelId/expire', async (request, reply) => {
    handle.expireChannel(request.params.channelId);
    return reply.code(204).send();
  });
}
