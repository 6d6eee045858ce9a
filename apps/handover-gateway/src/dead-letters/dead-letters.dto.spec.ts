import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { BadRequestException } from '@nestjs/common';
import { createValidationPipe, type FieldProblem } from '@genesys-bridge/service-runtime';
import { DeadLetterQueryDto, ReplayDeadLettersDto } from './dead-letters.dto';

const pipe = createValidationPipe();

async function validate(type: 'query' | 'body', metatype: new () => object, value: unknown): Promise<{ value?: unknown; paths?: string[] }> {
  try {
    return { value: await pipe.transform(value, { type, metatype }) };
  } catch (error) {
    if (!(error instanceof BadRequestException)) throw error;
    return { paths: ((error.getResponse() as { errors: FieldProblem[] }).errors ?? []).map((problem) => problem.path) };
  }
}

describe('dead-letter query', () => {
  it('accepts no parameters, and all of them as query strings (limit converted to a number)', async () => {
    expect(await validate('query', DeadLetterQueryDto, {})).toEqual({ value: {} });
    const before = randomUUID();
    const { value } = await validate('query', DeadLetterQueryDto, { direction: 'to-bot', conversationKey: 'genesys-conversation-1', limit: '25', before });
    expect(value).toBeInstanceOf(DeadLetterQueryDto);
    expect(value).toEqual({ direction: 'to-bot', conversationKey: 'genesys-conversation-1', limit: 25, before });
  });

  it.each([
    ['an unknown direction', { direction: 'sideways' }, ['direction']],
    ['a repeated direction', { direction: ['to-bot', 'to-genesys'] }, ['direction']],
    ['a limit that is not an integer', { limit: 'ten' }, ['limit']],
    ['a limit of 0', { limit: '0' }, ['limit']],
    ['a limit above 100', { limit: '101' }, ['limit']],
    ['a fractional limit', { limit: '1.5' }, ['limit']],
    ['a cursor that is not a message id', { before: 'yesterday' }, ['before']],
    ['an empty conversation key', { conversationKey: '' }, ['conversationKey']],
    ['a conversation key longer than the column', { conversationKey: 'k'.repeat(256) }, ['conversationKey']],
    ['unknown parameters', { status: 'pending', payload: '1' }, ['status', 'payload']],
  ])('refuses %s, by name', async (_name, query, paths) => {
    expect(await validate('query', DeadLetterQueryDto, query)).toEqual({ paths });
  });
});

describe('replay body', () => {
  it('accepts 1 to 100 distinct message ids', async () => {
    for (const count of [1, 100]) {
      const messageIds = Array.from({ length: count }, () => randomUUID());
      expect(await validate('body', ReplayDeadLettersDto, { messageIds })).toEqual({ value: { messageIds } });
    }
  });

  it.each([
    ['no messageIds', {}, ['messageIds']],
    ['an empty list', { messageIds: [] }, ['messageIds']],
    ['101 ids', { messageIds: Array.from({ length: 101 }, () => randomUUID()) }, ['messageIds']],
    ['an id that is not a uuid', { messageIds: [randomUUID(), 'row-2'] }, ['messageIds']],
    ['the same id twice', { messageIds: ['3f0c1d9e-5a7b-4c2d-9e8f-1a2b3c4d5e6f', '3f0c1d9e-5a7b-4c2d-9e8f-1a2b3c4d5e6f'] }, ['messageIds']],
    ['a string instead of a list', { messageIds: randomUUID() }, ['messageIds']],
    ['unknown fields', { messageIds: [randomUUID()], force: true }, ['force']],
  ])('refuses %s, by path', async (_name, body, paths) => {
    expect(await validate('body', ReplayDeadLettersDto, body)).toEqual({ paths });
  });
});
