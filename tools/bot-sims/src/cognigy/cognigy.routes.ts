import type { FastifyInstance } from 'fastify';
import { STATUS_CODES } from 'node:http';
import { newUuid, randomAlphanumeric } from '../shared/ids';
import type { PendingReplies } from '../shared/pending-replies';
import { attachToSession, type TurnRecord } from '../shared/recording';
import { interpolate, matchRule, turnVariables, type RuleMatch, type TurnInput } from '../shared/script';
import { SimHttpError } from '../shared/sim-http-error';
import { runBehaviour } from '../shared/turn-behaviour';
import { validateCognigyInput, type CognigyInput } from './cognigy-input.validator';
import type { CognigySimOptions } from './cognigy-options';
import { buildRestResponse, type CognigyRestResponse } from './cognigy-output.builder';
import type { CognigyRule } from './cognigy-script';
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

/** `POST /{URLToken}`: the Cognigy REST endpoint (bot-platforms.md §A2). Inject and notify: `cognigy-inject-notify.routes.ts`. */
export function registerCognigyRoutes(app: FastifyInstance, ctx: CognigyRouteContext): void {
  app.post<{ Params: { urlToken: string } }>('/:urlToken', async (request, reply) => {
    const { urlToken } = request.params;
    if (!ctx.options.urlTokens.includes(urlToken)) throw new SimHttpError(404, `No endpoint found for URLToken ${urlToken}`);
    const input = validateCognigyInput(request.body);
    const now = ctx.now();
    const session = touchSession(ctx.state, input.sessionId, input.userId, urlToken, now);
    attachToSession(session, request.botSimRecord, input.sessionId, now);

    const turnInput = toTurnInput(input);
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

    const response = flowResponse(ctx.options, input, turnInput, match);
    turn.response = response;
    turn.status = 200;
    return response;
  });
}

export function touchSession(state: CognigySimState, sessionId: string, userId: string, urlToken: string, now: Date): CognigySession {
  const at = now.toISOString();
  const session = (state.sessions[sessionId] ??= { sessionId, userId, urlToken, requests: [], turns: [], firstSeenAt: at, lastSeenAt: at });
  session.userId = userId;
  return session;
}

/** What the Flow sees for an input (data-only input gets `DATA_ONLY_MESSAGE_<20 chars>` as text). */
export function toTurnInput(input: CognigyInput): TurnInput {
  return {
    text: input.text ?? `${DATA_ONLY_PREFIX}${randomAlphanumeric(20)}`,
    ...(input.text === undefined ? { dataOnly: true } : {}),
    ...(input.data !== undefined ? { data: input.data } : {}),
  };
}

/** The matched rule's outputs for this input, in the REST answer shape. */
export function flowResponse(options: CognigySimOptions, input: CognigyInput, turnInput: TurnInput, match: RuleMatch<CognigyRule> | undefined): CognigyRestResponse {
  const variables = turnVariables(turnInput, match?.groups ?? [], { userId: input.userId, sessionId: input.sessionId });
  const outputs = interpolate(match?.rule.outputs ?? [], variables);
  return buildRestResponse(outputs, { userId: input.userId, sessionId: input.sessionId, traceId: `endpoint-httpIncomingMessage-${newUuid()}` }, options);
}
