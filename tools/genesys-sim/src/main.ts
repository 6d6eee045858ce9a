import { readFileSync } from 'node:fs';
import { loadSimConfig } from './config/sim-config.loader';
import { createGenesysSim } from './genesys-sim';

async function main(): Promise<void> {
  const sim = await createGenesysSim(loadSimConfig(process.env, (path) => readFileSync(path, 'utf8')));
  console.log(`genesys-sim listening on ${sim.url} (login and API base URL; control API under ${sim.url}/sim)`);
  const stop = (): void => {
    sim.close().then(
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
