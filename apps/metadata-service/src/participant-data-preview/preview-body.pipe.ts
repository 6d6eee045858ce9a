import { type ArgumentMetadata, BadRequestException, Injectable, type PipeTransform } from '@nestjs/common';
import { createValidationPipe, type FieldProblem } from '@genesys-bridge/service-runtime';
import { MAX_REPORTED_PROBLEMS, previewInputProblems } from './preview-input-problems';

/**
 * The usual whitelisting validation plus the checks inside `genesysMetaData` and `customAttributes`, answered as one
 * 400 in the usual shape (`errors: [{ path, problems }]`), so a caller fixes every field in one round.
 */
@Injectable()
export class PreviewBodyPipe implements PipeTransform {
  private readonly validation = createValidationPipe();

  async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const inner = metadata.type === 'body' ? previewInputProblems(value) : [];
    let validated: unknown;
    try {
      validated = await this.validation.transform(value, metadata);
    } catch (error) {
      if (!(error instanceof BadRequestException)) throw error;
      const outer = (error.getResponse() as { errors?: FieldProblem[] }).errors;
      if (!outer) throw error;
      throw invalid([...outer, ...inner]);
    }
    if (inner.length > 0) throw invalid(inner);
    return validated;
  }
}

function invalid(errors: FieldProblem[]): BadRequestException {
  return new BadRequestException({ statusCode: 400, error: 'Bad Request', message: 'Request validation failed', errors: errors.slice(0, MAX_REPORTED_PROBLEMS) });
}
