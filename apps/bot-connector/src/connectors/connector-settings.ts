import 'reflect-metadata';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';

const NAME = /^\S(.*\S)?$/; // Genesys: no leading or trailing white space (genesys-api.md §1.5)

export class ConnectorAuthSettings {
  /** `verify-token`: a shared secret in a header; `jwt`: `Authorization: Bearer <HS256 JWT>` (Kore-style). */
  @IsIn(['verify-token', 'jwt'])
  mode: 'verify-token' | 'jwt' = 'verify-token';

  /** The Genesys credential field name (= header name) for `verify-token` mode. */
  @IsString()
  @Matches(/^[A-Za-z0-9-]{1,64}$/)
  headerName: string = 'verify-token';

  /** Optional source allow-list, e.g. the `bot-connector` ranges of GET /api/v2/ipranges. */
  @IsOptional()
  @IsArray()
  @Matches(/^[0-9a-fA-F:.]+\/\d{1,3}$/, { each: true, message: 'each entry must be a CIDR such as 52.1.2.0/24' })
  allowedCidrs?: string[];
}

export class AdapterSettings {
  @IsIn(['cognigy', 'kore', 'generic'])
  platform!: 'cognigy' | 'kore' | 'generic';

  /** Cognigy: the endpoint base URL; the URL token is a secret (`secrets.urlToken`). */
  @IsOptional()
  @IsUrl({ require_tld: false, protocols: ['http', 'https'] })
  endpointBaseUrl?: string;

  /** Kore: `{host}/chatbot/v2/webhook/{botId}`; the client secret is `secrets.clientSecret`. */
  @IsOptional()
  @IsUrl({ require_tld: false, protocols: ['http', 'https'] })
  webhookUrl?: string;

  @IsOptional()
  @IsString()
  clientId?: string;

  /** Generic webhook URL (our canonical JSON). */
  @IsOptional()
  @IsUrl({ require_tld: false, protocols: ['http', 'https'] })
  url?: string;

  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  agentTransferTaskNames?: string[];

  /** Bot platforms on private addresses are refused (SSRF) unless this is set. */
  @IsBoolean()
  allowPrivateNetworks: boolean = false;
}

export class FallbackSettings {
  /** What Architect gets when the bot is slow, failing or unreachable. */
  @IsIn(['escalate', 'fail'])
  mode: 'escalate' | 'fail' = 'escalate';

  @IsString()
  @Matches(NAME)
  @MaxLength(100)
  intent: string = 'Escalate';

  /** Parameter that carries why: `bot-timeout`, `bot-error`, `bot-unavailable`. */
  @IsString()
  reasonParameter: string = 'EscalationReason';

  /** Optional message shown to the customer with the fallback. */
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  message?: string;
}

export class LoopGuardSettings {
  @IsBoolean()
  enabled: boolean = true;

  /** Genesys fails a session when the same intent comes back more than this many turns in a row. */
  @IsInt()
  @Min(1)
  maxRepeats: number = 3;

  /** The alternate name is `<intent><suffix>`; bot-list sync registers both. */
  @IsString()
  @Matches(/^[A-Za-z0-9_ -]{1,20}$/)
  alternateSuffix: string = '_alt';
}

export class CapabilitySettings {
  @IsBoolean()
  textOnly: boolean = false;

  @IsBoolean()
  allowUrlButtons: boolean = true;

  @IsInt()
  @Min(1)
  @Max(50)
  maxQuickReplies: number = 10;
}

export class BotSlotSettings {
  @IsString()
  @Matches(NAME)
  @MaxLength(100)
  name!: string;

  @IsString()
  type: string = 'String';
}

export class BotIntentSettings {
  @IsString()
  @Matches(NAME)
  @MaxLength(100)
  name!: string;

  @IsOptional()
  @ValidateNested({ each: true })
  @Type(() => BotSlotSettings)
  @ArrayMaxSize(50)
  slots?: BotSlotSettings[];
}

export class BotSettings {
  /** The bot id Genesys sends as `botId`. */
  @IsString()
  @Matches(NAME)
  @MaxLength(100)
  id!: string;

  @IsString()
  @Matches(NAME)
  @MaxLength(100)
  name!: string;

  @IsOptional()
  @IsString()
  @MaxLength(256)
  description?: string;

  @IsString()
  @Matches(NAME)
  @MaxLength(100)
  version: string = '1';

  @IsArray()
  @IsString({ each: true })
  supportedLanguages: string[] = ['en-us'];

  @ValidateNested({ each: true })
  @Type(() => BotIntentSettings)
  @ArrayMaxSize(50)
  intents: BotIntentSettings[] = [];
}

/** Everything about one connector that is not secret. Stored as JSON in `bot_connectors.settings`. */
export class ConnectorSettings {
  @ValidateNested()
  @Type(() => ConnectorAuthSettings)
  auth: ConnectorAuthSettings = new ConnectorAuthSettings();

  @ValidateNested()
  @Type(() => AdapterSettings)
  adapter!: AdapterSettings;

  /** v1: total time for the bot call, well under Genesys' (UNCONFIRMED, ~7–11 s) turn timeout. */
  @IsInt()
  @Min(100)
  @Max(60_000)
  timeBudgetMs: number = 7_000;

  /** v2: time for the bot call inside Digital Bot Connector's 30 s Bot Response Timeout. */
  @IsInt()
  @Min(100)
  @Max(120_000)
  v2TimeBudgetMs: number = 25_000;

  @ValidateNested()
  @Type(() => FallbackSettings)
  fallback: FallbackSettings = new FallbackSettings();

  /** Intent returned with `Complete` when the bot hands over to an agent. */
  @IsString()
  @Matches(NAME)
  @MaxLength(100)
  handoverIntent: string = 'Handover';

  /** Intent returned with `Complete` when the bot ends the conversation itself. */
  @IsString()
  @Matches(NAME)
  @MaxLength(100)
  endIntent: string = 'EndSession';

  @ValidateNested()
  @Type(() => LoopGuardSettings)
  loopGuard: LoopGuardSettings = new LoopGuardSettings();

  @ValidateNested()
  @Type(() => CapabilitySettings)
  capabilities: CapabilitySettings = new CapabilitySettings();

  /** The bots Genesys may call on this connector (and what bot-list sync registers). */
  @ValidateNested({ each: true })
  @Type(() => BotSettings)
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  bots!: BotSettings[];

  /** The Genesys Bot Connector integration id, for bot-list registration. */
  @IsOptional()
  @IsString()
  genesysIntegrationId?: string;
}

/** Secret parts of a connector, sealed in the database. */
export interface ConnectorSecrets {
  /** `verify-token` mode: current token first, the previous one second while rotating. */
  verifyTokens?: string[];
  /** `jwt` mode: HS256 secrets, current first. */
  jwtSecrets?: string[];
  /** Cognigy URL token. */
  urlToken?: string;
  /** Kore app client secret. */
  clientSecret?: string;
  /** Generic webhook bearer token and/or HMAC secret. */
  bearerToken?: string;
  hmacSecret?: string;
}
