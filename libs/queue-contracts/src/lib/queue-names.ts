/**
 * Every queue name. Names are part of the contract with running workers and with jobs already in
 * Redis: never rename one (a renamed queue strands its jobs). Delivery queues are partitioned
 * (`to-genesys-p07`), see delivery.contract.ts.
 */
export const QueueName = {
  /** bot-connector: answers Digital Bot Connector (v2) turns through Genesys' outgoing-messages API. */
  BotReplies: 'bot-replies',
  /** bot-connector: registers a connector's bot list with Genesys (PUT …/botconnector/{id}/bots). */
  BotListSync: 'bot-list-sync',
  /** metadata-service: retention and other periodic upkeep. */
  Housekeeping: 'housekeeping',
  /** metadata-service: renews cached queue, skill and language names shortly before they expire. */
  RoutingRefresh: 'routing-refresh',
  /** handover-gateway: re-enqueues outbox rows whose wake-up job was lost (e.g. Redis data loss). */
  OutboxSweep: 'outbox-sweep',
  /** handover-gateway: ordered delivery to Genesys, one partition queue each. */
  ToGenesys: 'to-genesys',
  /** handover-gateway: ordered delivery to bot platforms, one partition queue each. */
  ToBot: 'to-bot',
  /** handover-gateway: decides that a handover ended (signals, the backstop check, the no-agent timer). */
  EndDetection: 'end-detection',
} as const;
export type QueueName = (typeof QueueName)[keyof typeof QueueName];

export const APP_NAMES = ['bot-connector', 'handover-gateway', 'metadata-service'] as const;
export type AppName = (typeof APP_NAMES)[number];

/** Shared by every app's default job options: retention is also the jobId de-duplication window. */
export const JOB_RETENTION = {
  removeOnComplete: { age: 24 * 3600, count: 10_000 },
  removeOnFail: { age: 7 * 24 * 3600, count: 50_000 },
} as const;
