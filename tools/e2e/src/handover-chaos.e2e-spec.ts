import { type ChaosReport, type DirectionCount, runHandoverChaos } from './support/handover-chaos';

/**
 * Reliability ("chaos") run of handover-gateway (design.md §9, perf-reliability.md §5): 100 handovers started through
 * the REST API, 12 user messages each (user → agent, through the outbox, `to-genesys-pNN` and the Genesys simulator)
 * while 12 agent messages each come back (the simulator's signed webhook, the inbox, `to-bot-pNN`, a generic bot's
 * callback), 2,400 messages in all, both directions at once, on real processes (HTTP + 2 workers, private Redis,
 * SQLite), spread over 80 s. Meanwhile: one worker — the one owning the connection's Notifications API channel — `kill -9`'d
 * in the middle of deliveries and replaced, the other taking the channel over within the lease (its jobs
 * come back through BullMQ's stall recovery after the default lock duration and stall check, 30 s + up to 30 s: the
 * worker exposes no lock/stall settings), then Redis killed and restarted empty on the same port (some conversations
 * send their last messages while it is down, so only the outbox sweeper can wake them), Genesys answering 429 with
 * Retry-After, 500, hanging, and "500 after accept", webhook duplicates and out-of-order deliveries, and a bot
 * receiver that answers 503 or accepts then fails.
 *
 * Counted per direction by each message's text `conv#seq` (see support/handover-chaos.ts): lost, duplicated and
 * out-of-order messages must all be 0. "Exactly once as observed" is at-least-once delivery plus the receiver's
 * de-duplication on our stable id: the simulator records every copy Genesys accepted (a resend after a crash or a
 * "500 after accept" is a second record), so its records are de-duplicated by `channel.messageId` (our outbox row id)
 * for the count; the bot receiver keeps the first copy of each `Idempotency-Key` (the Genesys message id). Such
 * absorbed resends are reported, not failed; the same `conv#seq` arriving under two different stable ids is a
 * duplicate. Order: user → agent in the API send order of each conversation; agent → user in the agent's send order,
 * which is the to-bot worker's documented order key (Genesys `channel.time`, each message held 1 s for late arrivals;
 * the simulated agents never send two messages in the same millisecond).
 *
 * Then the agents end every conversation from the Genesys side: the Notifications WebSocket (now on the surviving or
 * replacement worker, after the kill and the Redis restart wiped the leases) must end every handover and tell the bot.
 */

jest.setTimeout(300_000);

function explain(direction: string, count: DirectionCount): string {
  return `${direction}: ${JSON.stringify({ ...count, examples: undefined })}\n  ${count.examples.join('\n  ')}`;
}

describe('handover-gateway under chaos', () => {
  it('delivers 2,400 messages both ways exactly once as observed, in order, through kill -9 of the socket owner, a Redis restart and Genesys/webhook faults, then ends every handover the agents end', async () => {
    const report: ChaosReport = await runHandoverChaos({
      conversations: 100,
      userMessagesPerConversation: 12,
      agentMessagesPerConversation: 12,
      sendWindowMs: 80_000,
      deliveryTimeoutMs: 90_000,
      seed: 11,
      log: (line) => console.log(line),
    });
    const latency = ({ latencyMs }: Pick<DirectionCount, 'latencyMs'>) => `p50 ${latencyMs.p50} ms, p99 ${latencyMs.p99} ms, max ${latencyMs.max} ms`;
    console.log(
      `${report.summary}\n  end to end: user → agent ${latency(report.toGenesys)}; agent → user ${latency(report.toBot)}; agent end → bot told ${latency(report.endDetection)}; run ${Math.round(report.durationMs / 1000)} s`,
    );
    const diagnostics = `${report.summary}\n${explain('user → agent', report.toGenesys)}\n${explain('agent → user', report.toBot)}\nundelivered rows: ${JSON.stringify(report.undeliveredRows)}\n${report.queueState}\n${report.processOutput(6_000)}`;

    // The faults really happened.
    expect({ killed: report.faults.workersKilled, redisRestarts: report.faults.redisRestarts }).toEqual({ killed: 1, redisRestarts: 1 });
    // kill -9 hit deliveries in flight, and BullMQ's stall recovery (not the Redis restart) brought them back.
    expect(report.faults.jobsStalledByKill).toBeGreaterThan(0);
    expect(report.faults.stallRecoveredAfterMs).not.toBeNull();
    expect(report.faults.sentDuringRedisOutage).toBeGreaterThan(0);
    for (const fault of ['genesys429', 'genesys500', 'genesysAcceptThen500', 'webhookDuplicates', 'webhookReorders', 'bot503', 'botAcceptThen500'] as const) {
      expect({ fault, fired: report.faults[fault] > 0 }).toEqual({ fault, fired: true });
    }
    expect(report.toGenesys.sent).toBe(1_200);
    expect(report.toBot.sent).toBe(1_200);

    // Nothing lost, duplicated or reordered, in either direction.
    const outcome = (count: DirectionCount) => ({ delivered: count.delivered, lost: count.lost, duplicates: count.duplicates, unexpected: count.unexpected, orderViolations: count.orderViolations });
    if (outcome(report.toGenesys).lost + outcome(report.toBot).lost + report.toGenesys.duplicates + report.toBot.duplicates + report.toGenesys.orderViolations + report.toBot.orderViolations > 0) {
      console.error(diagnostics);
    }
    expect({ direction: 'user → agent', ...outcome(report.toGenesys) }).toEqual({ direction: 'user → agent', delivered: 1_200, lost: 0, duplicates: 0, unexpected: 0, orderViolations: 0 });
    expect({ direction: 'agent → user', ...outcome(report.toBot) }).toEqual({ direction: 'agent → user', delivered: 1_200, lost: 0, duplicates: 0, unexpected: 0, orderViolations: 0 });
    // Genesys never gave up on a webhook, and the database agrees: every row delivered, none failed.
    expect(report.faults.webhookGaveUp).toBe(0);
    expect(report.undeliveredRows).toEqual([]);

    // The killed worker owned the Notifications channel, and another took it over within the lease (5 s) + a round.
    expect(report.faults.socketOwnerKilled).toBe(true);
    expect(report.faults.socketTakeoverMs).not.toBeNull();
    expect(report.faults.socketTakeoverMs as number).toBeLessThanOrEqual(7_000);
    // No handover left open after its conversation ended, and the bot was told of every end.
    if (report.endDetection.leftOpen + report.endDetection.notTold > 0) console.error(`end detection: ${report.endDetection.examples.join('\n  ')}\n${report.processOutput(6_000)}`);
    expect({ ended: report.endDetection.ended, leftOpen: report.endDetection.leftOpen, notTold: report.endDetection.notTold }).toEqual({ ended: 100, leftOpen: 0, notTold: 0 });
  });
});
