import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';
import { MAX_ROUTING_NAME_LENGTH, type QueueResolvedBy } from '@genesys-bridge/routing-lookup';

// Architect Data Action outputs are flat: every field a top-level string or boolean, never null (an empty string
// stands for "none"), so a Data Action's translationMap can map each with `$.field` and no default is ever needed.

/** A little room over the lookup limit: the 400 then comes from the lookup with the trimmed name's length. */
const MAX_RAW_NAME_LENGTH = MAX_ROUTING_NAME_LENGTH * 2;

const QUEUE_RESOLVED_BY: readonly QueueResolvedBy[] = ['exact', 'case-insensitive', 'fallback', 'none'];
const NAME_RESOLVED_BY = ['exact', 'case-insensitive', 'none'] as const;
export type NameResolvedBy = (typeof NAME_RESOLVED_BY)[number];
const SOURCES = ['cache', 'genesys', 'stale-cache'] as const;

export class ResolveNameQueryDto {
  @ApiProperty({
    description:
      'The name as the bot or flow has it. Leading/trailing whitespace is ignored; then an exact (case-sensitive) match wins, else the one entity ' +
      'whose name matches ignoring case (none when several do).',
    example: 'Billing',
    maxLength: MAX_RAW_NAME_LENGTH,
  })
  @IsString()
  @MaxLength(MAX_RAW_NAME_LENGTH)
  name!: string;
}

export class QueueResolveDto {
  @ApiProperty({ description: 'The requested name was found in Genesys (false for a fallback answer)' })
  found!: boolean;

  @ApiProperty({ description: 'The queue to transfer to: the found queue, else the connection fallback queue, else ""' })
  queueId!: string;

  @ApiProperty({ description: "Genesys' name of that queue (\"\" when unknown)" })
  queueName!: string;

  @ApiProperty({ enum: QUEUE_RESOLVED_BY, description: 'exact / case-insensitive: found; fallback: the connection fallback queue; none: no queue' })
  resolvedBy!: QueueResolvedBy;

  @ApiProperty({ description: 'The requested name, trimmed' })
  requestedName!: string;

  @ApiProperty({ enum: SOURCES, description: 'cache: answered from Redis; genesys: looked up now; stale-cache: Genesys failed, an expired entry answered' })
  source!: string;
}

export class SkillResolveDto {
  @ApiProperty()
  found!: boolean;

  @ApiProperty({ description: 'The ACD skill id, or ""' })
  skillId!: string;

  @ApiProperty({ description: "Genesys' name of the skill, or \"\"" })
  skillName!: string;

  @ApiProperty({ enum: NAME_RESOLVED_BY })
  resolvedBy!: NameResolvedBy;

  @ApiProperty()
  requestedName!: string;

  @ApiProperty({ enum: SOURCES })
  source!: string;
}

export class LanguageResolveDto {
  @ApiProperty()
  found!: boolean;

  @ApiProperty({ description: 'The language skill id, or ""' })
  languageId!: string;

  @ApiProperty({ description: "Genesys' name of the language, or \"\"" })
  languageName!: string;

  @ApiProperty({ enum: NAME_RESOLVED_BY })
  resolvedBy!: NameResolvedBy;

  @ApiProperty()
  requestedName!: string;

  @ApiProperty({ enum: SOURCES })
  source!: string;
}

export const CONVERSATION_QUEUE_RESOLVED_BY = [...QUEUE_RESOLVED_BY, 'unavailable'] as const;

export class ConversationMetadataDto {
  @ApiProperty({ description: 'A handover of this connection carries this Genesys conversation' })
  found!: boolean;

  @ApiProperty({ description: 'The Genesys conversation id asked for' })
  conversationId!: string;

  @ApiProperty({ description: 'Our handover id, or ""' })
  handoverId!: string;

  @ApiProperty({ enum: ['starting', 'active', 'ended', ''], description: 'The handover status, or ""' })
  handoverStatus!: string;

  @ApiProperty({ description: 'Participant data `QueueName` the bot asked for, or ""' })
  queueName!: string;

  @ApiProperty({ description: 'The queue to transfer to (stored `QueueId`, else resolved from `QueueName` now with the fallback), or ""' })
  queueId!: string;

  @ApiProperty({
    enum: CONVERSATION_QUEUE_RESOLVED_BY,
    description: 'How queueId was found; unavailable: Genesys could not be asked and nothing was cached',
  })
  queueResolvedBy!: string;

  @ApiProperty({ description: 'Participant data `Skills` (comma-separated), or ""' })
  skills!: string;

  @ApiProperty({ description: 'Participant data `Language`, or ""' })
  language!: string;

  @ApiProperty({ description: 'Participant data `Priority`, or ""' })
  priority!: string;

  @ApiProperty({ description: 'Every participant data attribute the handover sent, as one JSON object string (for JSON functions in Architect)' })
  attributesJson!: string;

  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' }, description: 'The same attributes as a flat name → value object' })
  attributes!: Record<string, string>;
}
