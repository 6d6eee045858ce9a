import { SimHttpError } from '../shared/sim-http-error';
import { validateCognigyInput } from './cognigy-input.validator';

describe('Cognigy input validation', () => {
  it('accepts text, data or both', () => {
    expect(validateCognigyInput({ userId: 'u', sessionId: 's', text: 'hi' })).toEqual({ userId: 'u', sessionId: 's', text: 'hi' });
    expect(validateCognigyInput({ userId: 'u', sessionId: 's', data: {} })).toEqual({ userId: 'u', sessionId: 's', data: {} });
    expect(validateCognigyInput({ userId: 'u', sessionId: 's', text: '', data: { a: 1 } })).toEqual({ userId: 'u', sessionId: 's', data: { a: 1 } });
  });

  it.each([
    [null, 'JSON object'],
    [{ sessionId: 's', text: 'x' }, 'userId'],
    [{ userId: 'u', sessionId: '', text: 'x' }, 'sessionId'],
    [{ userId: 'u', sessionId: 's', text: 5 }, 'text must be a string'],
    [{ userId: 'u', sessionId: 's', data: [1] }, 'data must be an object'],
    [{ userId: 'u', sessionId: 's', data: null }, 'text or data'],
  ])('refuses %j with a 400', (body, message) => {
    let caught: unknown;
    try {
      validateCognigyInput(body);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(SimHttpError);
    expect((caught as SimHttpError).status).toBe(400);
    expect((caught as SimHttpError).message).toContain(message);
  });
});
