import { SimHttpError } from '../shared/sim-http-error';
import { isPlainObject } from '../shared/sim-options';

export interface CognigyInput {
  userId: string;
  sessionId: string;
  /** Absent for data-only input. */
  text?: string;
  data?: Record<string, unknown>;
}

/** REST/Webhook body rules (bot-platforms.md §A2): userId and sessionId required, and text or data. */
export function validateCognigyInput(body: unknown): CognigyInput {
  if (!isPlainObject(body)) throw new SimHttpError(400, 'The request body must be a JSON object');
  const { userId, sessionId, text, data } = body;
  if (typeof userId !== 'string' || userId === '') throw new SimHttpError(400, 'userId is required');
  if (typeof sessionId !== 'string' || sessionId === '') throw new SimHttpError(400, 'sessionId is required');
  if (text !== undefined && text !== null && typeof text !== 'string') throw new SimHttpError(400, 'text must be a string');
  if (data !== undefined && data !== null && !isPlainObject(data)) throw new SimHttpError(400, 'data must be an object');
  const hasText = typeof text === 'string' && text !== '';
  const hasData = isPlainObject(data);
  if (!hasText && !hasData) throw new SimHttpError(400, 'Either text or data is required');
  return { userId, sessionId, ...(hasText ? { text } : {}), ...(hasData ? { data } : {}) };
}
