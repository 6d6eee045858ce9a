import { buildParticipantData, PARTICIPANT_DATA_CHANNELS } from '@genesys-bridge/participant-data';
import type { ParticipantDataPreviewDto, ParticipantDataPreviewResultDto } from './participant-data-preview.dto';

/**
 * The participant data a handover with these fields would carry on `channel`: the library's `buildParticipantData`,
 * the same call the handover gateway makes (with `open-messaging`), so the preview cannot drift from what is sent.
 */
export function previewParticipantData(body: ParticipantDataPreviewDto): ParticipantDataPreviewResultDto {
  const { channel, separator, arrays, profile, ...input } = body;
  const result = buildParticipantData({ ...input, profile }, { channel, separator, arrays });
  return { channel, limits: { ...PARTICIPANT_DATA_CHANNELS[channel] }, ...result };
}
