import { readFileSync } from 'node:fs';
import { createCognigySim } from './cognigy/cognigy-sim';
import { loadBotSimsConfig } from './config/bot-sims-config.loader';
import { createKoreSim } from './kore/kore-sim';

async function main(): Promise<void> {
  const config = loadBotSimsConfig(process.env, (path) => readFileSync(path, 'utf8'));
  const cognigy = await createCognigySim(config.cognigy);
  const kore = await createKoreSim(config.kore).catch(async (error: unknown) => {
    await cognigy.close();
    throw error;
  });
  console.log(`cognigy-sim listening on ${cognigy.url} (REST endpoint ${cognigy.endpointUrl()}; control API under ${cognigy.url}/sim)`);
  console.log(`kore-sim listening on ${kore.url} (webhook v2 ${kore.webhookUrl()}; control API under ${kore.url}/sim)`);
  console.log(`kore-sim sample JWT for ${kore.options.bots[0].clientId}: ${kore.createToken()}`);
  console.log(`kore-sim BotKit SDK base ${kore.botkitBaseUrl()}; callbacks to ${kore.options.botkit.callbackUrl ?? '(none: set BOT_SIMS_KORE_BOTKIT_CALLBACK_URL)'}`);
  const stop = (): void => {
    Promise.all([cognigy.close(), kore.close()]).then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
