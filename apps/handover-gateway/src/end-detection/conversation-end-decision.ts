import type { MessageMediaParticipant } from '@genesys-bridge/genesys-client';
import type { HandoverEndStatus } from '@genesys-bridge/platform-adapters';

/**
 * Why a handover ended, as the bot platform and the `genesys_bridge_handovers_ended_total{reason}` metric see it (a
 * small fixed set: safe as a metric label).
 *
 * | reason | when |
 * |---|---|
 * | `agent-ended` | an agent had answered; the agent side ended it (the customer's `disconnectType` is `peer`, or every agent left and nobody else took the conversation within the debounce) |
 * | `customer-disconnected` | the customer side left (`client`, `endpoint`) |
 * | `timeout` | Genesys ended an idle conversation (`timeout`) |
 * | `not-routed` | ended in Genesys before any agent answered (a flow disconnected it: out of hours, a closed queue… Genesys does not say which) |
 * | `no-agent` | our fallback: no agent answered within `noAgentTimeoutMs` |
 * | `system-ended` | `system` (e.g. an administrator or a platform rule) |
 * | `error` | `error`, `transport.failure` |
 * | `spam` | `spam` |
 * | `transferred-out` | the customer leg itself was transferred away (`transfer…`) |
 * | `conversation-ended` | anything else (an unknown or missing `disconnectType`) |
 */
export type EndReason =
  | 'agent-ended'
  | 'customer-disconnected'
  | 'timeout'
  | 'not-routed'
  | 'no-agent'
  | 'system-ended'
  | 'error'
  | 'spam'
  | 'transferred-out'
  | 'conversation-ended';

export type EndDecision =
  /** The handover is over: give the conversation back to the bot. */
  | {
      outcome: 'ended';
      status: Extract<HandoverEndStatus, 'completed' | 'cancelled'>;
      reason: EndReason;
      /** The customer participant's `disconnectType`, when Genesys gave one. */
      disconnectType?: string;
      /** When Genesys says the customer leg (or the last agent leg) ended. */
      endedAt?: Date;
    }
  /** An agent left and the conversation went to a queue or another agent: a transfer, not an end. */
  | { outcome: 'transfer'; to: 'queue' | 'agent'; /** The participant id of the agent leg that was transferred away: one notice per transfer. */ transferKey: string }
  /** Every agent left and nobody took over yet; look again at `until` (a transfer may still be on its way). */
  | { outcome: 'settling'; until: Date }
  /** Waiting for an agent: in a queue, an agent alerting, or a flow running; no agent answered yet. */
  | { outcome: 'waiting' }
  /** An agent is connected. */
  | { outcome: 'active' };

export interface DecisionContext {
  now: Date;
  /** How long after the last agent left the conversation may still be on its way to a queue or agent (the debounce). */
  settleMs: number;
}

const AGENT_PURPOSES = new Set(['agent', 'user']);
/** Participants that hold a conversation for routing (a queue, a flow): while one is connected, nothing ended. */
const ROUTING_PURPOSES = new Set(['acd', 'ivr', 'workflow', 'bot']);

/**
 * Did the handover end? Decided from `GET /api/v2/conversations/messages/{id}` alone (genesys-api.md §2.7, §3), never
 * from an event: events are hints, and a transfer raises the same `user.end` / `acw` as an end (bot-platforms.md §A8).
 *
 * 1. The customer leg disconnected (or every participant did): ended — `completed` if an agent ever answered,
 *    `cancelled` otherwise; the reason from the customer's `disconnectType` (`peer` = the other side, i.e. the agent).
 * 2. An agent is connected: `active`, or a `transfer` when an earlier agent leg ended before it.
 * 3. A queue (`acd`) or flow holds it, or an agent is alerting: `transfer` when an agent already left, else `waiting`.
 * 4. Nobody but the customer: if an agent answered and left, `settling` until `settleMs` after that agent's end, then
 *    ended (`agent-ended`, Cognigy's rule after its 10 s); an agent leg ended *by a transfer* keeps waiting (the target
 *    is on its way); no agent ever answered: `waiting` (the no-agent fallback covers a conversation nobody takes).
 */
export function decideConversationEnd(participants: readonly MessageMediaParticipant[], context: DecisionContext): EndDecision {
  const customer = participants.find((participant) => participant.purpose === 'customer');
  const agents = participants.filter((participant) => AGENT_PURPOSES.has(participant.purpose ?? ''));
  const answered = agents.some(everConnected);
  const allGone = participants.length > 0 && participants.every(isDisconnected);

  if ((customer && isDisconnected(customer)) || allGone) {
    const disconnectType = customer?.disconnectType;
    const endedAt = parseTime(customer?.endTime) ?? latestEnd(agents);
    return {
      outcome: 'ended',
      status: answered ? 'completed' : 'cancelled',
      reason: reasonFor(disconnectType, answered),
      ...(disconnectType ? { disconnectType } : {}),
      ...(endedAt ? { endedAt } : {}),
    };
  }

  const departed = agents.filter((agent) => isDisconnected(agent) && everConnected(agent)).sort(byEndTime);
  const lastDeparted = departed.at(-1);
  const present = agents.find((agent) => agent.state === 'connected');
  if (present) {
    return lastDeparted && present.id !== lastDeparted.id && startedAfter(present, lastDeparted) ? { outcome: 'transfer', to: 'agent', transferKey: lastDeparted.id } : { outcome: 'active' };
  }
  const routing = participants.find((participant) => ROUTING_PURPOSES.has(participant.purpose ?? '') && !isDisconnected(participant));
  const alerting = agents.find((agent) => agent.state === 'alerting' || agent.state === 'contacting' || agent.state === 'dialing');
  if (routing || alerting) {
    return lastDeparted ? { outcome: 'transfer', to: routing ? 'queue' : 'agent', transferKey: lastDeparted.id } : { outcome: 'waiting' };
  }
  if (!lastDeparted) return { outcome: 'waiting' };
  if ((lastDeparted.disconnectType ?? '').startsWith('transfer')) return { outcome: 'waiting' };
  const leftAt = parseTime(lastDeparted.endTime);
  const until = new Date((leftAt?.getTime() ?? context.now.getTime()) + context.settleMs);
  if (!leftAt || until.getTime() > context.now.getTime()) return { outcome: 'settling', until };
  return { outcome: 'ended', status: 'completed', reason: 'agent-ended', ...(leftAt ? { endedAt: leftAt } : {}) };
}

/** The reason for a conversation whose customer leg ended with `disconnectType`. */
export function reasonFor(disconnectType: string | undefined, answered: boolean): EndReason {
  switch (disconnectType) {
    case 'peer':
      return answered ? 'agent-ended' : 'not-routed';
    case 'client':
    case 'endpoint':
      return 'customer-disconnected';
    case 'timeout':
      return 'timeout';
    case 'system':
      return answered ? 'system-ended' : 'not-routed';
    case 'error':
    case 'transport.failure':
      return 'error';
    case 'spam':
      return 'spam';
    default:
      if (disconnectType?.startsWith('transfer')) return 'transferred-out';
      return answered ? 'conversation-ended' : 'not-routed';
  }
}

/** The moment to measure end-detection lag from: the earliest of the signal and Genesys' own end time. */
export function endObservedAt(signalTime: Date, decision: Extract<EndDecision, { outcome: 'ended' }>): Date {
  return decision.endedAt && decision.endedAt.getTime() < signalTime.getTime() ? decision.endedAt : signalTime;
}

function isDisconnected(participant: MessageMediaParticipant): boolean {
  return participant.state === 'disconnected' || participant.state === 'terminated';
}

/** An agent leg that was answered (Genesys sets `connectedTime` when a participant connects). */
function everConnected(participant: MessageMediaParticipant): boolean {
  return typeof participant['connectedTime'] === 'string' || participant.state === 'connected';
}

function startedAfter(later: MessageMediaParticipant, earlier: MessageMediaParticipant): boolean {
  const start = parseTime(later['startTime'] as string | undefined);
  const end = parseTime(earlier.endTime);
  // Without times, a different connected agent next to a departed one is the transfer's target.
  return !start || !end || start.getTime() >= end.getTime() - 1_000;
}

function byEndTime(a: MessageMediaParticipant, b: MessageMediaParticipant): number {
  return (parseTime(a.endTime)?.getTime() ?? 0) - (parseTime(b.endTime)?.getTime() ?? 0);
}

function latestEnd(participants: readonly MessageMediaParticipant[]): Date | undefined {
  const times = participants.map((participant) => parseTime(participant.endTime)?.getTime()).filter((time): time is number => time !== undefined);
  return times.length > 0 ? new Date(Math.max(...times)) : undefined;
}

function parseTime(value: unknown): Date | undefined {
  if (typeof value !== 'string') return undefined;
  const ms = Date.parse(value);
  return Number.isFinite(ms) ? new Date(ms) : undefined;
}
