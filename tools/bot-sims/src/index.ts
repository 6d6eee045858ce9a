export { createCognigySim, CognigySim } from './cognigy/cognigy-sim';
export {
  defaultCognigySimOptions,
  DEFAULT_COGNIGY_URL_TOKEN,
  type CognigySimOptions,
  type CognigySimOptionsInput,
  type CognigyFault,
} from './cognigy/cognigy-options';
export type { CognigyOutput, CognigyAttachment, CognigyRule, CognigyScript } from './cognigy/cognigy-script';
export type { CognigyOutputEntry, CognigyRestResponse } from './cognigy/cognigy-output.builder';
export type { CognigySession, CognigySimState, CognigyNotification, CognigyInjection } from './cognigy/cognigy-state';
export { NOTIFY_ANSWER, INJECT_ANSWER } from './cognigy/cognigy-inject-notify.routes';
export { defaultCognigyScript, COGNIGY_DEFAULT_HANDOVER, COGNIGY_DEFAULT_GENESYS_HANDOVER } from './cognigy/cognigy-default-script';
export { DATA_ONLY_PREFIX } from './cognigy/cognigy.routes';

export { createKoreSim, KoreSim } from './kore/kore-sim';
export { defaultKoreSimOptions, DEFAULT_KORE_BOT, type KoreBot, type KoreSimOptions, type KoreSimOptionsInput } from './kore/kore-options';
export type { KoreOutput, KoreRule, KoreScript, SlowBackend, TemplateEncoding, AgentTransferSignal } from './kore/kore-script';
export type { KoreDataItem, KoreSyncResponse } from './kore/kore-response.builder';
export type { KoreSession, KorePoll, KoreSimState } from './kore/kore-state';
export { defaultKoreScript, KORE_DEFAULT_HANDOVER } from './kore/kore-default-script';
export { signKoreJwt, verifyKoreJwt, type KoreJwtClaims, type KoreJwtAlgorithm } from './kore/kore-jwt';
export {
  BOTKIT_CALLBACK_AUTH_MODES,
  BOTKIT_SDK_CALLS,
  defaultBotkitOptions,
  type BotkitCallbackAuth,
  type BotkitFault,
  type BotkitSdkCall,
  type KoreBotkitOptions,
} from './kore/botkit/botkit-options';
export type {
  BotkitAgentTransferInput,
  BotkitCallbackInput,
  BotkitCallbackResult,
  BotkitEventInput,
  BotkitUserMessageInput,
} from './kore/botkit/kore-botkit';
export { DEFAULT_BOTKIT_USER, type BotkitPayload, type BotkitUserProfile } from './kore/botkit/botkit-payload.builder';
export type {
  BotkitAgentSession,
  BotkitBotMessage,
  BotkitCallbackRecord,
  BotkitEventName,
  BotkitIssuedRequest,
  BotkitSdkCallRecord,
  BotkitShownMessage,
  BotkitTranscriptEntry,
  BotkitUser,
  KoreBotkitState,
} from './kore/botkit/botkit-state';
export type { BotkitHistoryMessage } from './kore/botkit/botkit-sdk.routes';
export { signBotkitSdkToken, verifyBotkitSdkAuth } from './kore/botkit/botkit-token';
export { MAX_BOT_MESSAGE_LENGTH } from './kore/botkit/botkit-sdk-input.validator';
export { INVALID_APIKEY } from './kore/botkit/botkit-errors';

export type { HandoverPayload } from './shared/handover';
export type { SimFault } from './shared/sim-faults';
export type { InputMatcher, RuleBehaviour, ScriptRule, TurnInput } from './shared/script';
export type { RecordedRequest, RequestOutcome, TurnRecord, BaseSession, BotSimState } from './shared/recording';
export type { DeepPartial } from './shared/sim-options';
