import { Body, Controller, HttpCode, Post, UseGuards, UsePipes } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBody, ApiOkResponse, ApiOperation, ApiPayloadTooLargeResponse, ApiTags } from '@nestjs/swagger';
import { JsonObjectBodyPipe, validationErrorSchema } from '@genesys-bridge/service-runtime';
import { Access, ApiKeyGuard } from '../auth';
import { ParticipantDataPreviewDto, ParticipantDataPreviewResultDto } from './participant-data-preview.dto';
import { previewParticipantData } from './participant-data-preview';
import { PreviewBodyPipe } from './preview-body.pipe';

const VALIDATION_ERROR_SCHEMA = validationErrorSchema('genesysMetaData.customer["first\\nname"]');

@ApiTags('participant data')
@Controller('participant-data')
@UseGuards(ApiKeyGuard)
@Access('read')
export class ParticipantDataPreviewController {
  @Post('preview')
  @HttpCode(200)
  @UsePipes(new JsonObjectBodyPipe(), new PreviewBodyPipe())
  @ApiOperation({
    summary: 'Show exactly the participant data Genesys would get',
    description:
      'Flattens genesysMetaData and adds the routing fields, customAttributes and (with sendProfile) the profile under the limits of the channel, ' +
      'by the rules of libs/participant-data (README: the deterministic order in which attributes are cut and dropped). Nothing is stored or sent.',
  })
  @ApiBody({ type: ParticipantDataPreviewDto })
  @ApiOkResponse({ type: ParticipantDataPreviewResultDto })
  @ApiBadRequestResponse({ description: 'Invalid fields, listed by path in `errors` (also names and values inside genesysMetaData and customAttributes)', schema: VALIDATION_ERROR_SCHEMA })
  @ApiPayloadTooLargeResponse({ description: 'Body larger than BODY_LIMIT_BYTES' })
  preview(@Body() body: ParticipantDataPreviewDto): ParticipantDataPreviewResultDto {
    return previewParticipantData(body);
  }
}
