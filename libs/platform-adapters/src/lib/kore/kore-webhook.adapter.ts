import { setTimeout as sleep } from 'node:timers/promises';
import { type BotTurnResult, toKoreMessage } from '@genesys-bridge/content-conversion';
import { sign } from 'jsonwebtoken';
import { type BotPlatformAdapter, type BotTurnRequest } from '../bot-platform.adapter';
import { PlatformHttp, type PlatformHttpOptions, type PlatformRequest } from '../http/platform-http';
import { isRecord, type JsonRecord, nonEmptyString } from '../json-values';
import { type KoreTurnCollection, koreTurnResult } from './kore-turn-result';
import { type KoreWebhookUrl, parseKoreWebhookUrl } from './kore-webhook-url';

export interface KoreWebhookAdapterOptions extends PlatformHttpOptions {
  /** The Webhook v2 channel URL, `{host}/chatbot/v2/webhook/{botId}`. */
  webhookUrl: string;
  /** The app's client id (`cs-…`): the JWT's `appId` claim. */
  clientId: string;
  /** The app's client secret: the HS256 key. Secret. */
  clientSecret: string;
  /** Task names whose completion (`endOfTask` + `completedTaskName`) means "hand over". Default `['Agent Transfer']`. */
  agentTransferTaskNames?: string[];
  /** Pause before each poll while Kore still has a `pollId`. Default 250 ms. */
  pollIntervalMs?: number;
  /** More polls than this in one turn fail with `invalid-response`. Default 100 (the signal usually ends it first). */
  maxPolls?: number;
}

/** Lifetime of the per-call JWT; long enough for any turn, short enough that a leaked token soon dies. */
const JWT_TTL_SECONDS = 300;
const DEFAULT_POLL_INTERVAL_MS = 250;
const DEFAULT_MAX_POLLS = 100;

/**
 * Kore.ai XO Webhook v2 channel in sync mode (bot-platforms.md §B1, §B2).
 *
 * - Auth: `Authorization: bearer <JWT>`, HS256 over `{sub: userId, appId: clientId, iat, exp: iat + 5 min}`, signed
 *   afresh for every call (webhook and polls): signing costs microseconds, and there is no cache to bound or to leak.
 * - Body: `{session: {new}, message: toKoreMessage(input), from: {id: userId}, to: {id: botId}, customData?}`;
 *   `customData` is `{languageCode, ...parameters}` when either is set. Kore keys its session on `from.id`, so the
 *   caller's `userId` should be unique per conversation; `sessionId` is not sent.
 * - Polling: while an answer has a `pollId`, wait `pollIntervalMs`, then `GET …/{botId}/poll/{pollId}`, collecting
 *   every `data[]` item in order, all within the caller's signal.
 * - Errors: `{"errors":[{msg, code}]}` or a non-2xx; 401/403 → `auth`, 429/5xx and other statuses → `http`.
 */
export class KoreWebhookAdapter implements BotPlatformAdapter {
  readonly platform = 'kore' as const;
  private readonly http: PlatformHttp;
  private readonly url: KoreWebhookUrl;
  private readonly agentTransferTaskNames: ReadonlySet<string>;
  private readonly pollIntervalMs: number;
  private readonly maxPolls: number;

  constructor(private readonly options: KoreWebhookAdapterOptions) {
    if (!options.clientId || !options.clientSecret) throw new TypeError('KoreWebhookAdapter: clientId and clientSecret are required');
    this.url = parseKoreWebhookUrl(options.webhookUrl);
    this.agentTransferTaskNames = new Set(options.agentTransferTaskNames ?? ['Agent Transfer']);
    this.pollIntervalMs = options.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS;
    this.maxPolls = options.maxPolls ?? DEFAULT_MAX_POLLS;
    this.http = new PlatformHttp('kore', options, [options.clientSecret]);
  }

  async sendTurn(turn: BotTurnRequest): Promise<BotTurnResult> {
    const collected: KoreTurnCollection = { data: [], endOfTask: false };
    let answer = await this.call(turn, { method: 'POST', url: this.url.webhookUrl, label: 'webhook', body: JSON.stringify(this.body(turn)) }, collected);
    for (let polls = 0; nonEmptyString(answer['pollId']); polls++) {
      const request = { method: 'GET', url: this.url.pollUrl(String(answer['pollId']).trim()), label: 'poll' } as const;
      if (polls >= this.maxPolls) throw this.http.invalidResponse(request, `still had a pollId after ${this.maxPolls} polls`);
      // Resolves early on abort; the next call then fails as `timeout` at once.
      await sleep(this.pollIntervalMs, undefined, { signal: turn.signal }).catch(() => undefined);
      answer = await this.call(turn, request, collected);
    }
    return koreTurnResult(collected, this.agentTransferTaskNames);
  }

  private body(turn: BotTurnRequest): JsonRecord {
    const body: JsonRecord = {
      session: { new: turn.isNewSession },
      message: toKoreMessage(turn.input),
      from: { id: turn.userId },
      to: { id: this.url.botId },
    };
    if (turn.languageCode !== undefined || turn.parameters !== undefined) {
      body['customData'] = { languageCode: turn.languageCode, ...turn.parameters };
    }
    return body;
  }

  /** One authorised exchange; adds the answer's `data[]` and task fields to `collected` and returns the answer. */
  private async call(
    turn: BotTurnRequest,
    partial: Pick<PlatformRequest, 'method' | 'url' | 'label' | 'body'>,
    collected: KoreTurnCollection,
  ): Promise<JsonRecord> {
    const token = sign({ sub: turn.userId, appId: this.options.clientId }, this.options.clientSecret, {
      algorithm: 'HS256',
      expiresIn: JWT_TTL_SECONDS,
    });
    const request: PlatformRequest = {
      ...partial,
      headers: { authorization: `bearer ${token}` },
      signal: turn.signal,
      correlationId: turn.correlationId,
      secrets: [token],
    };
    const answer = await this.http.json(request);
    if (!isRecord(answer)) throw this.http.invalidResponse(request, 'answered with JSON that is not an object');
    if (Array.isArray(answer['errors']) && answer['errors'].length > 0) {
      // Kore puts the HTTP-like status in `errors[0].code` (400 "No data found" for a poll id already fetched).
      const code = Number((answer['errors'][0] as JsonRecord | undefined)?.['code']);
      if (Number.isInteger(code) && code >= 400 && code <= 599) throw this.http.statusError(request, code, JSON.stringify(answer));
      throw this.http.invalidResponse(request, 'answered with an errors array and no usable code');
    }
    const data = answer['data'];
    if (data !== undefined && !Array.isArray(data)) throw this.http.invalidResponse(request, 'answered with a data field that is not an array');
    collected.data.push(...(data ?? []));
    if (answer['endOfTask'] === true) collected.endOfTask = true;
    collected.completedTaskName = nonEmptyString(answer['completedTaskName']) ?? collected.completedTaskName;
    return answer;
  }
}
