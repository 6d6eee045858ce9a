import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { attachToSession } from '../shared/recording';
import { matchRule } from '../shared/script';
import { applyFaultBefore, takeFault, throwIfAcceptThenError } from '../shared/sim-faults';
import { SimHttpError } from '../shared/sim-http-error';
import { validateCognigyInput, type CognigyInput } from './cognigy-input.validator';
import type { COGNIGY_FAULT_CALLS, CognigyFault } from './cognigy-options';
import type { CognigySession } from './cognigy-state';
import { cognigyErrorBody, flowResponse, toTurnInput, touchSession, type CognigyRouteContext } from './cognigy.routes';

/** What notify answers. The v2.0 API's text (typo included); the current route's answer is UNCONFIRMED. */
export const NOTIFY_ANSWER = { message: 'Sucessfully sent message to user' };
/** What inject answers. The v2.0 API's text; the current route's answer is UNCONFIRMED. */
export const INJECT_ANSWER = { message: 'Message was sent to AI for Flow processing' };

type Call = (typeof COGNIGY_FAULT_CALLS)[number];

/**
 * The endpoint's inject and notify routes (bot-platforms.md §A7, §A9), as a Webhook/Socket endpoint has them (the real
 * REST endpoint has neither). Body `{userId, sessionId, text?, data?}` with text or data (400 otherwise); an unknown
 * token answers 404; auth beyond the URL token is UNCONFIRMED: none. Queued `faults` apply after those checks.
 * - `POST /notify/{URLToken}`: shown to the user without Flow logic; recorded in `state.notifications` and the session.
 * - `POST /inject/{URLToken}`: handed to the Flow as if the user said it; the script runs (its outputs are recorded,
 *   no delay/status behaviour) and it is recorded in `state.injections`, the session and the session's turns.
 */
export function registerCognigyInjectNotifyRoutes(app: FastifyInstance, ctx: CognigyRouteContext): void {
  app.post<{ Params: { urlToken: string } }>('/notify/:urlToken', async (request, reply) => {
    const admitted = await admit(ctx, 'notify', request, reply, request.params.urlToken);
    if (!admitted) return reply;
    const { input, fault, receivedAt } = admitted;
    ctx.state.notifications.push({ requestId: request.botSimRecord?.id ?? '', urlToken: request.params.urlToken, ...input, receivedAt });
    throwIfAcceptThenError(fault, errorBody);
    return NOTIFY_ANSWER;
  });

  app.post<{ Params: { urlToken: string } }>('/inject/:urlToken', async (request, reply) => {
    const admitted = await admit(ctx, 'inject', request, reply, request.params.urlToken);
    if (!admitted) return reply;
    const { input, fault, receivedAt, session } = admitted;
    const requestId = request.botSimRecord?.id ?? '';
    const turnInput = toTurnInput(input);
    const match = matchRule(ctx.options.script, turnInput);
    const flowOutput = flowResponse(ctx.options, input, turnInput, match);
    const rule = match?.name ?? null;
    ctx.state.injections.push({ requestId, urlToken: request.params.urlToken, ...input, receivedAt, rule, flowOutput });
    session.turns.push({ requestId, at: receivedAt, input: turnInput, rule, response: flowOutput, status: 200 });
    throwIfAcceptThenError(fault, errorBody);
    return INJECT_ANSWER;
  });
}

const errorBody = (status: number): unknown => cognigyErrorBody(status, 'Simulated failure');

interface Admitted {
  input: CognigyInput;
  session: CognigySession;
  fault?: CognigyFault;
  receivedAt: string;
}

/** Token, body and fault checks shared by both routes; undefined = a fault left nothing to send. */
async function admit(ctx: CognigyRouteContext, call: Call, request: FastifyRequest, reply: FastifyReply, urlToken: string): Promise<Admitted | undefined> {
  if (!ctx.options.urlTokens.includes(urlToken)) throw new SimHttpError(404, `No endpoint found for URLToken ${urlToken}`);
  const input = validateCognigyInput(request.body);
  const now = ctx.now();
  const session = touchSession(ctx.state, input.sessionId, input.userId, urlToken, now);
  attachToSession(session, request.botSimRecord, input.sessionId, now);
  const fault = takeFault(ctx.options.faults, call);
  if ((await applyFaultBefore(fault, reply, { pending: ctx.pending, record: request.botSimRecord, errorBody })) === 'abandoned') return undefined;
  return { input, session, fault, receivedAt: now.toISOString() };
}
