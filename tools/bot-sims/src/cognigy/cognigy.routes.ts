import type { FastifyInstance } from 'fastify';
import { STATUS_CODES } from 'node:http';
import { newUuid, randomAlphanumeric } from '../shared/ids';
import type { PendingReplies } from '../shared/pending-replies';
import { attachToSession, type TurnRecord } from '../shared/recording';
import { interpolate, matchRule, turnVariables, type TurnInput } from '../shared/script';
import { SimHttpError } from '../shared/sim-http-error';
import { runBehaviour } from '../shared/turn-behaviour';
import { validateCognigyInput } from './cognigy-input.validator';
import type { CognigySimOptions } from './cognigy-options';
import { buildRestResponse } from './cognigy-output.builder';
import type { CognigySession, CognigySimState } from './cognigy-state';

export interface CognigyRouteContext {
  options: CognigySimOptions;
  state: CognigySimState;
  pending: PendingReplies;
  now: () => Date;
}

/** Prefix Cognigy gives the flow text of data-only input (bot-platforms.md §A2, `logic/lookup.md`). */
export const DATA_ONLY_PREFIX = 'DATA_ONLY_MESSAGE_';

/** Error body of the simulated endpoint. UNCONFIRMED shape: only the statuses are documented. */
export function cognigyErrorBody(status: number, message: string): unknown {
  return { statusCode: status, error: STATUS_CODES[status] ?? 'Error', message };
}

/** What notify answers. The v2.0 API's text (typo included); the current route's answer is UNCONFIRMED. */
export const NOTIFY_ANSWER = { message: 'Sucessfully sent message to user' };

/**
 * `POST /{URLToken}`: the Cognigy REST endpoint (bot-platforms.md §A2).
 * `POST /notify/{URLToken}`: the endpoint's notify route (§A7), text/data shown to the user without Flow logic. Same
 * body rules as the endpoint (`{userId, sessionId, text?, data?}`, text or data); an unknown token answers 404. It is
 * recorded in `state.notifications` and the session; no script runs. Auth beyond the URL token is UNCONFIRMED: none.
 */
export function registerCognigyRoutes(app: FastifyInstance, ctx: CognigyRouteContext): void {
  app.post<{ Params: { urlToken: string } }>('/notify/:urlToken', async (request) => {
    const { urlToken } = request.params;
    if (!ctx.options.urlTokens.includes(urlToken)) throw new SimHttpError(404, `No endpoint found for URLToken ${urlToken}`);
    const input = validateCognigyInput(request.body);
    const now = ctx.now();
    attachToSession(touchSession(ctx.state, input.sessionId, input.userId, urlToken, now), request.botSimRecord, input.sessionId, now);
    ctx.state.notifications.push({ requestId: request.botSimRecord?.id ?? '', urlToken, ...input, receivedAt: now.toISOString() });
    return NOTIFY_ANSWER;
  });

  app.post<{ Params: { urlToken: string } }>('/:urlToken', async (request, reply) => {
    const { urlToken } = request.params;
    if (!ctx.options.urlTokens.includes(urlToken)) throw new SimHttpError(404, `No endpoint found for URLToken ${urlToken}`);
    const input = validateCognigyInput(request.body);
    const now = ctx.now();
    const session = touchSession(ctx.state, input.sessionId, input.userId, urlToken, now);
    attachToSession(session, request.botSimRecord, input.sessionId, now);

    const turnInput: TurnInput = {
      text: input.text ?? `${DATA_ONLY_PREFIX}${randomAlphanumeric(20)}`,
      ...(input.text === undefined ? { dataOnly: true } : {}),
      ...(input.data !== undefined ? { data: input.data } : {}),
    };
    const match = matchRule(ctx.options.script, turnInput);
    const turn: TurnRecord = { requestId: request.botSimRecord?.id ?? '', at: now.toISOString(), input: turnInput, rule: match?.name ?? null };
    session.turns.push(turn);

    const behaviour = await runBehaviour(match?.rule, reply, { pending: ctx.pending, record: request.botSimRecord });
    if (behaviour.kind === 'abandoned') return reply;
    if (behaviour.kind !== 'respond') {
      const status = behaviour.kind === 'error' ? behaviour.status : 504;
      turn.status = status;
      throw new SimHttpError(status, `Simulated failure (rule ${turn.rule ?? 'none'})`, behaviour.kind === 'error' ? behaviour.body : undefined);
    }

    const variables = turnVariables(turnInput, match?.groups ?? [], { userId: input.userId, sessionId: input.sessionId });
    const outputs = interpolate(match?.rule.outputs ?? [], variables);
    const response = buildRestResponse(
      outputs,
      { userId: input.userId, sessionId: input.sessionId, traceId: `endpoint-httpIncomingMessage-${newUuid()}` },
      ctx.options,
    );
    turn.response = response;
    turn.status = 200;
    return response;
  });
}

function touchSession(state: CognigySimState, sessionId: string, userId: string, urlToken: string, now: Date): CognigySession {
  const at = now.toISOString();
  const session = (state.sessions[sessionId] ??= { sessionId, userId, urlToken, requests: [], turns: [], firstSeenAt: at, lastSeenAt: at });
  session.userId = userId;
  return session;
}
