import type { FastifyInstance } from 'fastify';
import { isPlainObject } from './sim-options';
import { scriptToJson, ScriptError, type ScriptRule } from './script';
import { SimHttpError } from './sim-http-error';

/** What both simulators expose under `/sim` (no auth; not a platform API). */
export interface ControllableSim {
  readonly state: unknown;
  readonly options: { script: readonly ScriptRule<unknown>[] };
  reset(): void;
  /** Validates and replaces the script (throws ScriptError). */
  setScript(script: unknown): void;
  /** Back to the platform's default script. */
  resetScript(): void;
  /** Validates and applies option overrides in place (throws Error on bad values). */
  patchOptions(overrides: Record<string, unknown>): void;
}

export function registerControlRoutes(app: FastifyInstance, sim: ControllableSim): void {
  app.get('/sim/state', async () => sim.state);

  app.post('/sim/reset', async (_request, reply) => {
    sim.reset();
    return reply.code(204).send();
  });

  app.get('/sim/options', async () => ({ ...sim.options, script: scriptToJson(sim.options.script) }));
  app.patch('/sim/options', async (request) => {
    asBadRequest(() => sim.patchOptions(requireObject(request.body)));
    return { ...sim.options, script: scriptToJson(sim.options.script) };
  });

  app.get('/sim/script', async () => scriptToJson(sim.options.script));
  app.put('/sim/script', async (request) => {
    asBadRequest(() => sim.setScript(request.body));
    return scriptToJson(sim.options.script);
  });
  app.delete('/sim/script', async () => {
    sim.resetScript();
    return scriptToJson(sim.options.script);
  });
}

export function requireObject(value: unknown): Record<string, unknown> {
  if (!isPlainObject(value)) throw new SimHttpError(400, 'body must be a JSON object');
  return value;
}

/** Runs `action`, turning validation failures (ScriptError, Error) into a 400 of the control API. */
export function asBadRequest<T>(action: () => T): T {
  try {
    return action();
  } catch (error) {
    if (error instanceof SimHttpError) throw error;
    if (error instanceof ScriptError || error instanceof Error) throw new SimHttpError(400, error.message);
    throw error;
  }
}
