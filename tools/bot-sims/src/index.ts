export { createCognigySim, CognigySim } from './cognigy/cognigy-sim';
export {
  defaultCognigySimOptions,
  DEFAULT_COGNIGY_URL_TOKEN,
  type CognigySimOptions,
  type CognigySimOptionsInput,
} from './cognigy/cognigy-options';
export type { CognigyOutput, CognigyAttachment, CognigyRule, CognigyScript } from './cognigy/cognigy-script';
export type { CognigyOutputEntry, CognigyRestResponse } from './cognigy/cognigy-output.builder';
export type { CognigySession, CognigySimState } from './cognigy/cognigy-state';
export { defaultCognigyScript, COGNIGY_DEFAULT_HANDOVER, COGNIGY_DEFAULT_GENESYS_HANDOVER } from './cognigy/cognigy-default-script';
export { DATA_ONLY_PREFIX } from './cognigy/cognigy.routes';

export { createKoreSim, KoreSim } from './kore/kore-sim';
export { defaultKoreSimOptions, DEFAULT_KORE_BOT, type KoreBot, type KoreSimOptions, type KoreSimOptionsInput } from './kore/kore-options';
export type { KoreOutput, KoreRule, KoreScript, SlowBackend, TemplateEncoding, AgentTransferSignal } from './kore/kore-script';
export type { KoreDataItem, KoreSyncResponse } from './kore/kore-response.builder';
export type { KoreSession, KorePoll, KoreSimState } from './kore/kore-state';
export { defaultKoreScript, KORE_DEFAULT_HANDOVER } from './kore/kore-default-script';
export { signKoreJwt, verifyKoreJwt, type KoreJwtClaims, type KoreJwtAlgorithm } from './kore/kore-jwt';

export type { HandoverPayload } from './shared/handover';
export type { InputMatcher, RuleBehaviour, ScriptRule, TurnInput } from './shared/script';
export type { RecordedRequest, RequestOutcome, TurnRecord, BaseSession, BotSimState } from './shared/recording';
export type { DeepPartial } from './shared/sim-options';
