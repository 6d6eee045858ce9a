import type { RunningProcess } from '@genesys-bridge/testing';
import { type AppStack, startAppStack } from './app-stack';

export { countRows } from './app-stack';

/** The bot-connector app as real processes (HTTP and worker) on a fresh SQLite database. */
export interface BotConnectorStack extends AppStack {
  worker: RunningProcess;
}

export async function startBotConnectorStack(extraEnv: Record<string, string> = {}): Promise<BotConnectorStack> {
  return (await startAppStack('bot-connector', extraEnv)) as BotConnectorStack;
}
