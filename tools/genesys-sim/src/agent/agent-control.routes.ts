import type { FastifyInstance } from 'fastify';
import type { SimContext } from '../sim-context';
import { isPlainObject, type JsonObject } from '../support/field-checks';
import type { OutboundAttachment, OriginatingEntity, StructuredContent } from '../messaging/outbound-content';
import type { JoinOptions, WrapUpOptions } from './agent-desk';

interface ConversationParams {
  conversationId: string;
}

const body = (value: unknown): JsonObject => (isPlainObject(value) ? value : {});

/** `/sim/conversations/:id/agent/*`: drive the agent side over HTTP (no auth; not a Genesys API). */
export function registerAgentControlRoutes(app: FastifyInstance, ctx: SimContext): void {
  const base = '/sim/conversations/:conversationId/agent';
  const agentOf = (params: ConversationParams) => ctx.agents.handle(params.conversationId);

  app.post<{ Params: ConversationParams }>(`${base}/join`, async (request) => agentOf(request.params).join(body(request.body) as JoinOptions));

  /** `{text}` → Text; `{text?, content[]}` → Structured; `{text?, attachment}` → attachment; `originatingEntity` optional. */
  app.post<{ Params: ConversationParams }>(`${base}/messages`, async (request) => {
    const agent = agentOf(request.params);
    const message = body(request.body);
    const options = { originatingEntity: message.originatingEntity as OriginatingEntity | undefined, text: message.text as string | undefined };
    if (message.attachment !== undefined) return agent.sendAttachment(message.attachment as OutboundAttachment, options);
    if (message.content !== undefined) return agent.sendStructured(message.content as StructuredContent[], options);
    return agent.sendText(message.text as string, options);
  });

  app.post<{ Params: ConversationParams }>(`${base}/typing`, async (request) => {
    const durationMs = body(request.body).durationMs;
    return agentOf(request.params).startTyping(typeof durationMs === 'number' ? durationMs : undefined);
  });

  app.post<{ Params: ConversationParams }>(`${base}/transfer`, async (request) =>
    agentOf(request.params).transfer(String(body(request.body).queueId ?? '')),
  );

  app.post<{ Params: ConversationParams }>(`${base}/end`, async (request, reply) => {
    agentOf(request.params).end();
    return reply.code(204).send();
  });

  /** `{code?, name?, notes?}`: ends the newest agent leg's after-call work (the `acw` event fires). */
  app.post<{ Params: ConversationParams }>(`${base}/wrapup`, async (request) => agentOf(request.params).wrapUp(body(request.body) as WrapUpOptions));
}
