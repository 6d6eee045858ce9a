import type { FastifyInstance } from 'fastify';
import type { SimContext } from '../sim-context';
import { badRequest } from '../support/genesys-error';
import { requireObject, requireStringMap } from '../support/field-checks';
import type { AttributePatchRecord } from '../state/sim-state';
import { conversationView } from './conversation.view';
import { applyAttributes } from './participant-attributes';

interface ConversationParams {
  conversationId: string;
}
interface ParticipantParams extends ConversationParams {
  participantId: string;
}

function requireDisconnectedState(body: unknown): void {
  const request = requireObject(body, 'body');
  if (request.state !== 'disconnected') throw badRequest('state must be disconnected');
}

/** Conversation reads, disconnects and participant data (genesys-api.md §2.7, §3). */
export function registerConversationRoutes(app: FastifyInstance, ctx: SimContext): void {
  const patchAttributes = (params: ParticipantParams, body: unknown, route: AttributePatchRecord['route']): Record<string, string> => {
    const conversation = ctx.conversations.require(params.conversationId);
    const participant = ctx.conversations.requireParticipant(conversation, params.participantId);
    const attributes = requireStringMap(requireObject(body, 'body').attributes, 'attributes');
    const mode = ctx.options.attributePatchMode;
    const next = applyAttributes(participant.attributes, attributes, mode, {
      maxAttributes: ctx.options.maxParticipantAttributes,
      maxValueLength: ctx.options.maxAttributeValueLength,
    });
    ctx.conversations.setAttributes(conversation, participant, next);
    ctx.state.attributePatches.push({
      conversationId: conversation.id,
      participantId: participant.id,
      route,
      attributes,
      mode,
      result: { ...participant.attributes },
      receivedAt: ctx.now().toISOString(),
    });
    return participant.attributes;
  };

  app.get<{ Params: ConversationParams }>('/api/v2/conversations/messages/:conversationId', async (request) =>
    conversationView(ctx.conversations.require(request.params.conversationId)),
  );

  app.patch<{ Params: ConversationParams }>('/api/v2/conversations/messages/:conversationId', async (request) => {
    const conversation = ctx.conversations.require(request.params.conversationId);
    requireDisconnectedState(request.body);
    if (ctx.conversations.isActive(conversation)) ctx.conversations.end(conversation, 'client');
    return conversationView(conversation);
  });

  app.patch<{ Params: ParticipantParams }>('/api/v2/conversations/messages/:conversationId/participants/:participantId', async (request, reply) => {
    const conversation = ctx.conversations.require(request.params.conversationId);
    const participant = ctx.conversations.requireParticipant(conversation, request.params.participantId);
    requireDisconnectedState(request.body);
    if (participant.purpose === 'acd') ctx.conversations.disconnect(conversation, participant, 'client');
    else if (participant.state !== 'disconnected') ctx.conversations.end(conversation, 'peer', participant, 'client');
    return reply.code(202).send();
  });

  app.patch<{ Params: ParticipantParams }>(
    '/api/v2/conversations/messages/:conversationId/participants/:participantId/attributes',
    async (request) => ({ attributes: patchAttributes(request.params, request.body, 'conversations/messages') }),
  );

  app.patch<{ Params: ParticipantParams }>('/api/v2/conversations/:conversationId/participants/:participantId/attributes', async (request, reply) => {
    patchAttributes(request.params, request.body, 'conversations');
    return reply.code(202).send();
  });
}
