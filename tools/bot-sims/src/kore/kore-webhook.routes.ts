import type { FastifyInstance, FastifyRequest } from 'fastify';
import { newHexId, newUuid } from '../shared/ids';
import type { PendingReplies } from '../shared/pending-replies';
import { attachToSession, type TurnRecord } from '../shared/recording';
import { interpolate, matchRule, turnVariables } from '../shared/script';
import { SimHttpError } from '../shared/sim-http-error';
import { runBehaviour } from '../shared/turn-behaviour';
import { peekFromId, toTurnInput, validateKoreInput } from './kore-input.validator';
import { verifyKoreJwt } from './kore-jwt';
import type { KoreBot, KoreSimOptions } from './kore-options';
import { buildTurn, sessionClosureResponse, syncResponse, type KoreDataItem, type KoreSyncResponse, type TaskEnd } from './kore-response.builder';
import type { SlowBackend } from './kore-script';
import type { KorePoll, KoreSession, KoreSimState } from './kore-state';

export interface KoreRouteContext {
  options: KoreSimOptions;
  state: KoreSimState;
  pending: PendingReplies;
  now: () => Date;
}

/** `{"errors":[{msg, code}], "_v":"v2", "_t":<traceId>}` (bot-platforms.md §B2). */
export function koreErrorBody(status: number, message: string): unknown {
  return { errors: [{ msg: message, code: status }], _v: 'v2', _t: `RTM-TRACE-${newUuid()}` };
}

export const INVALID_TOKEN = 'Invalid access token';
export const NO_DATA_FOUND = 'No data found';
export const SYNC_TRANSFER_UNSUPPORTED = 'Agent Transfer is not supported in sync mode';

const WEBHOOK_PATH = '/chatbot/v2/webhook/:botId';
const POLL_PATH = '/chatbot/v2/webhook/:streamId/poll/:pollId';

/** Kore XO webhook channel v2 in sync mode, with polling (bot-platforms.md §B1, §B2). */
export function registerKoreRoutes(app: FastifyInstance, ctx: KoreRouteContext): void {
  app.post<{ Params: { botId: string } }>(WEBHOOK_PATH, async (request, reply) => {
    const bot = findBot(ctx, request.params.botId);
    authenticate(ctx, request, bot, peekFromId(request.body));
    const input = validateKoreInput(request.body);
    const now = ctx.now();
    const session = touchSession(ctx.state, input.fromId, bot.botId, now);
    attachToSession(session, request.botSimRecord, input.fromId, now);
    if (input.userInfo !== undefined) session.userInfo = input.userInfo;
    if (input.customData !== undefined) session.customData = input.customData;

    const turnInput = toTurnInput(input);
    const turn: TurnRecord = { requestId: request.botSimRecord?.id ?? '', at: now.toISOString(), input: turnInput, rule: null };
    session.turns.push(turn);

    if (input.type === 'event' && input.val === 'SESSION_CLOSURE') {
      const closed = session.active;
      session.active = false;
      if (closed) session.closedAt = now.toISOString();
      turn.rule = 'SESSION_CLOSURE';
      return finish(turn, sessionClosureResponse(input.fromId, bot.botId, closed, now));
    }
    if (input.sessionNew || !session.active) {
      session.active = true;
      session.sessionCount += 1;
      delete session.closedAt;
    }

    const match = matchRule(ctx.options.script, turnInput);
    turn.rule = match?.name ?? null;
    const rule = match?.rule;
    const slow = rule?.slowBackend ? normaliseSlowBackend(rule.slowBackend) : undefined;
    const behaviour = await runBehaviour(rule, reply, {
      pending: ctx.pending,
      record: request.botSimRecord,
      deadlineMs: ctx.options.syncTimeoutMs,
      extraDelayMs: slow && !ctx.options.polling ? slow.readyAfterMs * slow.batches : 0,
    });
    if (behaviour.kind === 'abandoned') return reply;
    if (behaviour.kind === 'deadline') return fail(turn, new SimHttpError(504, 'Request timed out'));
    if (behaviour.kind === 'error') return fail(turn, new SimHttpError(behaviour.status, `Simulated failure (rule ${turn.rule ?? 'none'})`, behaviour.body));

    const variables = turnVariables(turnInput, match?.groups ?? [], { userId: input.fromId, botId: bot.botId });
    const built = buildTurn(interpolate(rule?.outputs ?? [], variables), rule, ctx.options, ctx.now());
    if (built.requestedTransfer && ctx.options.syncAgentTransfer === 'error') return fail(turn, new SimHttpError(400, SYNC_TRANSFER_UNSUPPORTED));
    if (slow && ctx.options.polling) return finish(turn, startPolling(ctx, input.fromId, bot.botId, built.items, built.task, slow));
    return finish(turn, syncResponse(input.fromId, bot.botId, built.items, built.task));
  });

  app.get<{ Params: { streamId: string; pollId: string } }>(POLL_PATH, async (request) => {
    const { streamId, pollId } = request.params;
    const bot = findBot(ctx, streamId);
    const poll = ctx.state.polls[pollId] as KorePoll | undefined;
    if (ctx.options.pollAuth === 'required') authenticate(ctx, request, bot, poll?.fromId);
    if (!poll || poll.streamId !== streamId || poll.status === 'delivered') throw new SimHttpError(400, NO_DATA_FOUND);
    const session = ctx.state.sessions[poll.fromId] as KoreSession | undefined;
    if (session) attachToSession(session, request.botSimRecord, poll.fromId, ctx.now());
    if (ctx.now().getTime() < Date.parse(poll.readyAt)) return { status: 'Inprogress', pollId, _v: 'v2' };
    poll.status = 'delivered';
    return poll.response;
  });
}

function findBot(ctx: KoreRouteContext, botId: string): KoreBot {
  const bot = ctx.options.bots.find((candidate) => candidate.botId === botId);
  if (!bot) throw new SimHttpError(404, `Bot ${botId} not found`);
  return bot;
}

function authenticate(ctx: KoreRouteContext, request: FastifyRequest, bot: KoreBot, fromId: string | undefined): void {
  const check = verifyKoreJwt(request.headers.authorization, bot, ctx.options.jwtAlgorithms, fromId);
  if (check.ok) return;
  if (request.botSimRecord) request.botSimRecord.rejection = check.reason;
  throw new SimHttpError(401, INVALID_TOKEN);
}

function finish(turn: TurnRecord, response: KoreSyncResponse): KoreSyncResponse {
  turn.response = response;
  turn.status = 200;
  return response;
}

function fail(turn: TurnRecord, error: SimHttpError): never {
  turn.status = error.status;
  throw error;
}

function normaliseSlowBackend(slow: SlowBackend): Required<SlowBackend> {
  return {
    immediate: Math.max(0, Math.floor(slow.immediate ?? 1)),
    readyAfterMs: Math.max(0, slow.readyAfterMs ?? 1_000),
    batches: Math.max(1, Math.floor(slow.batches ?? 1)),
  };
}

/** Answers the first messages with a pollId; the rest become a chain of polls, one per batch. */
function startPolling(
  ctx: KoreRouteContext,
  fromId: string,
  botId: string,
  items: KoreDataItem[],
  task: TaskEnd,
  slow: Required<SlowBackend>,
): KoreSyncResponse {
  const immediate = items.slice(0, slow.immediate);
  const rest = items.slice(slow.immediate);
  const batchSize = Math.ceil(rest.length / slow.batches);
  const batches = Array.from({ length: slow.batches }, (_, index) => (batchSize === 0 ? [] : rest.slice(index * batchSize, (index + 1) * batchSize)));
  const pollIds = batches.map(() => newHexId(12));
  const start = ctx.now().getTime();
  batches.forEach((batch, index) => {
    const readyAt = new Date(start + slow.readyAfterMs * (index + 1)).toISOString();
    const last = index === batches.length - 1;
    const data = batch.map((item) => ({ ...item, createdOn: readyAt }));
    ctx.state.polls[pollIds[index]] = {
      pollId: pollIds[index],
      streamId: botId,
      fromId,
      readyAt,
      status: 'waiting',
      response: syncResponse(fromId, botId, data, last ? task : { endOfTask: false }, last ? undefined : pollIds[index + 1]),
    };
  });
  return syncResponse(fromId, botId, immediate, { endOfTask: false }, pollIds[0]);
}

function touchSession(state: KoreSimState, fromId: string, botId: string, now: Date): KoreSession {
  const at = now.toISOString();
  const session = (state.sessions[fromId] ??= { fromId, botId, active: false, sessionCount: 0, requests: [], turns: [], firstSeenAt: at, lastSeenAt: at });
  session.botId = botId;
  return session;
}
