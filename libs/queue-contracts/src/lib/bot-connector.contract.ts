import { JOB_RETENTION } from './queue-names';

export const BotRepliesJob = { SendBotReply: 'send-bot-reply' } as const;
export const BotListSyncJob = { SyncBotList: 'sync-bot-list' } as const;

/** Answer one v2 turn: the turn (request and, once computed, the answer) is in the database. */
export interface SendBotReplyV1 {
  v: 1;
  connectorId: string;
  messageId: string;
}

export interface SyncBotListV1 {
  v: 1;
  connectorId: string;
}

/** One job per Genesys turn, even if Genesys resends the turn. */
export const sendBotReplyJobId = (job: SendBotReplyV1) => `reply-${job.connectorId}-${Buffer.from(job.messageId).toString('base64url')}`;
export const syncBotListJobId = (job: SyncBotListV1) => `bot-list-${job.connectorId}`;

/** Digital Bot Connector waits 30 s by default (genesys-api.md §1.6): a few quick retries, then give up. */
export const SEND_BOT_REPLY_JOB_OPTIONS = { ...JOB_RETENTION, attempts: 4, backoff: { type: 'exponential', delay: 500 } } as const;
export const SYNC_BOT_LIST_JOB_OPTIONS = { ...JOB_RETENTION, attempts: 5, backoff: { type: 'exponential', delay: 5_000 } } as const;
