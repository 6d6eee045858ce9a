import type { Connection } from '@genesys-bridge/persistence';
import { MAX_NOTICE_LENGTH } from '../handovers/handover-settings';

/** The shortest no-agent timeout we accept: below it, routing has hardly started. */
export const MIN_NO_AGENT_TIMEOUT_MS = 10_000;
/** And the longest (a day): a bigger number is a typo, not a wish. */
export const MAX_NO_AGENT_TIMEOUT_MS = 86_400_000;

/**
 * What a connection's admin chooses about the end of handovers (non-secret `botPlatformSettings`, like
 * `handoverSettingsOf`; a missing or mistyped value falls back to the default, a typo never turns a feature on).
 *
 * | setting | default | effect |
 * |---|---|---|
 * | `handoverNotices.transfer` | none | text relayed to the user when the agent transfers the conversation to a queue or another agent |
 * | `handoverNotices.agentLeft` | none | text relayed to the user before the conversation goes back to the bot, when the agent side ended it |
 * | `noAgentTimeoutMs` | off | no agent answered this long after Genesys took the handover: it ends in Genesys and goes back to the bot (`cancelled`, `no-agent`); 10 000 … 86 400 000 |
 */
export interface EndDetectionSettings {
  transferNotice: string | null;
  agentLeftNotice: string | null;
  noAgentTimeoutMs: number | null;
}

export function endDetectionSettingsOf(connection: Pick<Connection, 'botPlatformSettings'>): EndDetectionSettings {
  const settings = connection.botPlatformSettings ?? {};
  const notices = isObject(settings['handoverNotices']) ? settings['handoverNotices'] : {};
  const timeout = settings['noAgentTimeoutMs'];
  return {
    transferNotice: noticeText(notices['transfer']),
    agentLeftNotice: noticeText(notices['agentLeft']),
    noAgentTimeoutMs:
      typeof timeout === 'number' && Number.isInteger(timeout) && timeout >= MIN_NO_AGENT_TIMEOUT_MS && timeout <= MAX_NO_AGENT_TIMEOUT_MS ? timeout : null,
  };
}

function noticeText(value: unknown): string | null {
  if (typeof value !== 'string' || value.trim() === '') return null;
  return value.trim().slice(0, MAX_NOTICE_LENGTH);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
