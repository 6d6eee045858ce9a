import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
// The harness is the one tools/e2e/src/handover-chaos.e2e-spec.ts runs (one source of truth for the fault timeline and
// the counting); tools/e2e has no path alias, and tsconfig.base.json is not ours to change here.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { type DirectionCount, runHandoverChaos } from '../../tools/e2e/src/support/handover-chaos';

/**
 * bench/handover-chaos: the handover-gateway chaos run (kill -9 of a worker, Redis restart, Genesys 429/500/hangs/
 * "500 after accept", webhook duplicates and reordering, a flaky bot) with bigger numbers. Prints the one-line
 * summary and the end-to-end latency per direction; exits 1 when anything was lost, duplicated or reordered.
 *
 *   npm run build && node dist/bench/handover-chaos/run.js
 *   CHAOS_CONVERSATIONS=500 CHAOS_USER_MESSAGES=10 CHAOS_AGENT_MESSAGES=10 CHAOS_SEND_SECONDS=120 CHAOS_TIMEOUT_SECONDS=300 CHAOS_SEED=7
 *   CHAOS_LOG_FILE=/tmp/chaos.log writes the gateway processes' output there (CHAOS_LOG_LEVEL=info|debug for more).
 */
function numberFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive integer, not ${JSON.stringify(raw)}`);
  return value;
}

function latency(direction: string, count: DirectionCount): string {
  return `${direction}: sent ${count.sent}, delivered ${count.delivered}, lost ${count.lost}, duplicates ${count.duplicates}, order violations ${count.orderViolations}, resends absorbed ${count.resends}; end-to-end p50 ${count.latencyMs.p50} ms, p99 ${count.latencyMs.p99} ms, max ${count.latencyMs.max} ms`;
}

async function main(): Promise<number> {
  const report = await runHandoverChaos({
    conversations: numberFromEnv('CHAOS_CONVERSATIONS', 500),
    userMessagesPerConversation: numberFromEnv('CHAOS_USER_MESSAGES', 10),
    agentMessagesPerConversation: numberFromEnv('CHAOS_AGENT_MESSAGES', 10),
    sendWindowMs: numberFromEnv('CHAOS_SEND_SECONDS', 120) * 1_000,
    deliveryTimeoutMs: numberFromEnv('CHAOS_TIMEOUT_SECONDS', 300) * 1_000,
    seed: numberFromEnv('CHAOS_SEED', 7),
    gatewayLogLevel: process.env.CHAOS_LOG_LEVEL,
    log: (line) => console.log(line),
  });
  if (process.env.CHAOS_LOG_FILE) writeFileSync(process.env.CHAOS_LOG_FILE, report.processOutput());
  console.log(report.summary);
  console.log(latency('user → agent', report.toGenesys));
  console.log(latency('agent → user', report.toBot));
  console.log(`webhook answer (gateway intake as Genesys sees it): p50 ${report.webhookAnswerMs.p50} ms, p99 ${report.webhookAnswerMs.p99} ms, max ${report.webhookAnswerMs.max} ms`);
  console.log(`run took ${Math.round(report.durationMs / 1000)} s`);
  const failures = report.toGenesys.lost + report.toBot.lost + report.toGenesys.duplicates + report.toBot.duplicates + report.toGenesys.orderViolations + report.toBot.orderViolations;
  if (failures > 0 || report.toGenesys.unexpected + report.toBot.unexpected > 0) {
    console.error([...report.toGenesys.examples.map((line) => `user → agent ${line}`), ...report.toBot.examples.map((line) => `agent → user ${line}`)].join('\n'));
    console.error(`undelivered rows: ${JSON.stringify(report.undeliveredRows)}\n${report.queueState}`);
    return 1;
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
