// Test-only. The loopback bot server the adapter specs talk to is `startLoopbackServer` of @genesys-bridge/testing.
import type { BotTurnRequest } from '../lib/bot-platform.adapter';

/** A text turn with a generous budget; override any field. */
export function testTurn(overrides: Partial<BotTurnRequest> = {}): BotTurnRequest {
  return {
    sessionId: 'session-1',
    userId: 'user-1',
    input: { kind: 'text', text: 'hello' },
    isNewSession: false,
    signal: AbortSignal.timeout(10_000),
    ...overrides,
  };
}
