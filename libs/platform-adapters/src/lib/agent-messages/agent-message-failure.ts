import { isBotPlatformError } from '../bot-platform.error';
import { SSRF_BLOCKED } from '../ssrf-guard';

/** The Open Messaging receipt reason codes a failed agent message is reported with (genesys-api.md §2.3). */
export type AgentMessageFailureReason = 'GeneralError' | 'InvalidDestination';

export interface AgentMessageFailure {
  /** Retry later (keeping order) rather than give up: timeouts, no answer, 408, 429, 5xx. */
  transient: boolean;
  reason: AgentMessageFailureReason;
  /** Short and secret-free: fit for logs and for the receipt's reason message. */
  message: string;
}

const MAX_MESSAGE_LENGTH = 300;

/**
 * What to do after a failed `AgentMessageSender.send` (design.md §6):
 *
 * | failure | transient | reason |
 * |---|---|---|
 * | `timeout`; `unreachable` (refused, reset, DNS) | yes | GeneralError |
 * | `http` 408, 429, 5xx | yes | GeneralError |
 * | `unreachable` with `SSRF_BLOCKED`; `http` 404/410; a `TypeError` (bad destination config) | no | InvalidDestination |
 * | `http` other 3xx/4xx; `auth` (401/403); `invalid-response` | no | GeneralError |
 * | anything else (a bug, a database error) | yes | GeneralError |
 */
export function classifyAgentMessageFailure(error: unknown): AgentMessageFailure {
  const message = shorten(error instanceof Error ? error.message : String(error));
  if (error instanceof TypeError) return { transient: false, reason: 'InvalidDestination', message };
  if (!isBotPlatformError(error)) return { transient: true, reason: 'GeneralError', message };
  switch (error.kind) {
    case 'timeout':
      return { transient: true, reason: 'GeneralError', message };
    case 'unreachable':
      return error.code === SSRF_BLOCKED ? { transient: false, reason: 'InvalidDestination', message } : { transient: true, reason: 'GeneralError', message };
    case 'http': {
      const status = error.status ?? 0;
      if (status === 408 || status === 429 || status >= 500) return { transient: true, reason: 'GeneralError', message };
      return { transient: false, reason: status === 404 || status === 410 ? 'InvalidDestination' : 'GeneralError', message };
    }
    case 'auth':
    case 'invalid-response':
      return { transient: false, reason: 'GeneralError', message };
  }
}

function shorten(text: string): string {
  return text.length > MAX_MESSAGE_LENGTH ? `${text.slice(0, MAX_MESSAGE_LENGTH)}…` : text;
}
