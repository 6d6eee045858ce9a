import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { applyFaultBefore, takeFault, throwIfAcceptThenError } from '../../shared/sim-faults';
import { SimHttpError } from '../../shared/sim-http-error';
import type { KoreBot } from '../kore-options';
import { clearAgentSession, markActivity, startAgentSession } from './botkit-agent-session';
import { botkitError, botkitErrorBody, INVALID_APIKEY } from './botkit-errors';
import type { BotkitSdkCall } from './botkit-options';
import { validateSendBotMessage, validateSendUserMessage } from './botkit-sdk-input.validator';
import { botkitUser, type BotkitIssuedRequest, type BotkitSdkCallRecord, type BotkitUser } from './botkit-state';
import { verifyBotkitSdkAuth } from './botkit-token';
import type { KoreBotkit } from './kore-botkit';

const STREAM = '/api/botsdk/stream/:botId';
type RequestIdCall = Exclude<BotkitSdkCall, 'getMessages'>;
const REQUEST_ID_CALLS: readonly RequestIdCall[] = ['sendUserMessage', 'sendBotMessage', 'startAgentSession', 'clearAgentSession', 'extendcallid'];

/** What `getMessages` returns per entry. UNCONFIRMED shape beyond `messages[]` (LiveChat.js reads `resp.messages`). */
export interface BotkitHistoryMessage {
  _id: string;
  type: 'incoming' | 'outgoing';
  botId: string;
  createdBy: string;
  createdOn: string;
  requestId: string;
  components: { cT: 'text'; data: { text: string } }[];
}

/**
 * The platform endpoints BotKit calls (bot-platforms.md §B4 "Us → Kore"), under the payload's `baseUrl`:
 * `POST {baseUrl}/{sendUserMessage|sendBotMessage|startAgentSession|clearAgentSession|extendcallid}/{requestId}` and
 * `GET {baseUrl}/getMessages?userId=&skip=&limit=`. Checks, in order: bot (404), `auth` JWT (401 "Invalid apikey"),
 * requestId issued by a callback for that bot (404, UNCONFIRMED), then faults, then the body (400). Success: 200 `{}`
 * (UNCONFIRMED body; BotKit ignores it).
 */
export function registerBotkitSdkRoutes(app: FastifyInstance, botkit: KoreBotkit): void {
  for (const call of REQUEST_ID_CALLS) {
    app.post<{ Params: { botId: string; requestId: string } }>(`${STREAM}/${call}/:requestId`, async (request, reply) => {
      const bot = admitBot(botkit, request, request.params.botId);
      const issued = botkit.deps.state.botkit.requestIds[request.params.requestId] as BotkitIssuedRequest | undefined;
      if (!issued || issued.botId !== bot.botId) throw botkitError(404, `Request ${request.params.requestId} not found`);
      const user = botkitUser(botkit.deps.state.botkit, issued.userId, bot.botId, botkit.deps.now());
      const record = await beginCall(botkit, call, request, reply, bot, issued.requestId, user.userId, user);
      if (!record) return reply;
      applyCall(botkit, call, request.body, issued, user, record);
      throwIfAcceptThenError(record.fault, errorBody);
      return {};
    });
  }

  app.get<{ Params: { botId: string }; Querystring: Record<string, string | undefined> }>(`${STREAM}/getMessages`, async (request, reply) => {
    const bot = admitBot(botkit, request, request.params.botId);
    const { userId, skip = '0', limit = '20' } = request.query;
    if (!userId) throw botkitError(400, 'userId is required');
    const [offset, count] = [Number(skip), Number(limit)];
    if (!Number.isInteger(offset) || offset < 0 || !Number.isInteger(count) || count < 1) throw botkitError(400, 'skip and limit must be non-negative integers (limit ≥ 1)');
    const user = botkit.user(userId);
    const record = await beginCall(botkit, 'getMessages', request, reply, bot, null, userId, user);
    if (!record) return reply;
    const history = (user?.botId === bot.botId ? user.transcript : []).map((entry, index) => toHistoryMessage(entry, index, bot.botId, userId));
    throwIfAcceptThenError(record.fault, errorBody);
    return { messages: history.slice(offset, offset + count), total: history.length, moreAvailable: offset + count < history.length };
  });
}

const errorBody = (status: number): unknown => botkitErrorBody('Simulated failure', status);

function admitBot(botkit: KoreBotkit, request: FastifyRequest, botId: string): KoreBot {
  const bot = botkit.deps.options.bots.find((candidate) => candidate.botId === botId);
  if (!bot) throw botkitError(404, `Bot ${botId} not found`);
  const check = verifyBotkitSdkAuth(request.headers.auth, bot, botkit.deps.options.botkit.tokenAlgorithm);
  if (check.ok) return bot;
  if (request.botSimRecord) request.botSimRecord.rejection = check.reason;
  throw new SimHttpError(401, 'Invalid apikey', INVALID_APIKEY);
}

/**
 * Records an admitted call, applies a queued fault and counts the call as activity on the user's conversation
 * (`user` is undefined for getMessages of an unknown user). `extendcallid` is not activity: Kore resets agent mode
 * after 15 idle minutes "whatever extendRequestId does" (§B4). undefined = the fault left nothing to send.
 */
async function beginCall(
  botkit: KoreBotkit,
  call: BotkitSdkCall,
  request: FastifyRequest,
  reply: FastifyReply,
  bot: KoreBot,
  requestId: string | null,
  userId: string,
  user: BotkitUser | undefined,
): Promise<BotkitSdkCallRecord | undefined> {
  const { state, options, pending, now } = botkit.deps;
  const fault = takeFault(options.botkitFaults, call);
  const record: BotkitSdkCallRecord = {
    call,
    botId: bot.botId,
    requestId,
    userId,
    receivedAt: now().toISOString(),
    recordId: request.botSimRecord?.id ?? '',
    ...(fault ? { fault } : {}),
  };
  state.botkit.sdkCalls.push(record);
  if (request.botSimRecord) request.botSimRecord.sessionKey = userId;
  const outcome = await applyFaultBefore(fault, reply, { pending, record: request.botSimRecord, errorBody });
  if (outcome === 'abandoned') return undefined;
  if (user && call !== 'extendcallid') {
    markActivity(user.agentSession, now(), options.botkit.agentSessionIdleMs);
    botkit.timers.arm(user);
  }
  return record;
}

/** The effect of one SDK call on the user's recorded state (a 400 records nothing shown or sent to the bot). */
function applyCall(botkit: KoreBotkit, call: RequestIdCall, body: unknown, issued: BotkitIssuedRequest, user: BotkitUser, record: BotkitSdkCallRecord): void {
  const at = botkit.deps.now().toISOString();
  const base = { requestId: issued.requestId, receivedAt: at, recordId: record.recordId };
  switch (call) {
    case 'sendUserMessage': {
      const shown = validateSendUserMessage(body);
      user.shown.push({ ...base, ...shown });
      user.transcript.push({ direction: 'outgoing', text: shown.text, at, requestId: issued.requestId });
      return;
    }
    case 'sendBotMessage':
      user.botMessages.push({ ...base, text: validateSendBotMessage(body) });
      return;
    case 'startAgentSession':
      user.agentSession.starts += 1;
      startAgentSession(user.agentSession, botkit.deps.now(), 'startAgentSession');
      botkit.timers.arm(user);
      return;
    case 'clearAgentSession':
      clearAgentSession(user.agentSession, botkit.deps.now());
      botkit.timers.disarm(user.userId);
      return;
    case 'extendcallid':
      issued.extends += 1;
      user.extends += 1;
      return;
  }
}

function toHistoryMessage(entry: BotkitUser['transcript'][number], index: number, botId: string, userId: string): BotkitHistoryMessage {
  return {
    _id: `ms-${entry.requestId}-${index}`,
    type: entry.direction,
    botId,
    createdBy: entry.direction === 'incoming' ? userId : botId,
    createdOn: entry.at,
    requestId: entry.requestId,
    components: [{ cT: 'text', data: { text: entry.text } }],
  };
}
