import { GenesysApiError } from '../support/genesys-error';
import { validateBotList } from './bot-list.validator';

const intent = (name: string) => ({ name });
const version = (name: string, intents = [intent('Escalate')]) => ({ version: name, supportedLanguages: ['en-us'], intents });
const bot = (id: string, versions = [version('v1')]) => ({ id, name: `Bot ${id}`, versions });
const times = <T>(count: number, make: (index: number) => T): T[] => Array.from({ length: count }, (_, index) => make(index));

function fieldsOf(body: unknown): string[] {
  try {
    validateBotList(body);
  } catch (error) {
    expect(error).toBeInstanceOf(GenesysApiError);
    const apiError = error as GenesysApiError;
    expect(apiError.status).toBe(400);
    return apiError.details.map((detail) => detail.fieldName);
  }
  return [];
}

describe('validateBotList', () => {
  it('accepts the documented sample (case-insensitive slot types) and exactly 50 of everything', () => {
    const slots = Object.fromEntries(times(50, (i) => [`s${i}`, { name: `s${i}`, type: i % 2 ? 'String' : 'integerCollection' }]));
    const full = { chatBots: times(50, (b) => bot(`b${b}`, b === 0 ? times(50, (v) => version(`v${v}`, times(50, (i) => ({ name: `i${i}`, slots })))) : undefined)) };
    expect(fieldsOf(full)).toEqual([]);
    expect(validateBotList(full).chatBots[0].versions[49].intents[49].slots?.s1).toEqual({ name: 's1', type: 'String' });
  });

  it.each([
    ['51 bots', { chatBots: times(51, (i) => bot(`b${i}`)) }, ['chatBots']],
    ['51 versions', { chatBots: [bot('b', times(51, (i) => version(`v${i}`)))] }, ['chatBots[0].versions']],
    ['51 intents', { chatBots: [bot('b', [version('v', times(51, (i) => intent(`i${i}`)))])] }, ['chatBots[0].versions[0].intents']],
    [
      '51 slots',
      { chatBots: [bot('b', [version('v', [{ name: 'i', slots: Object.fromEntries(times(51, (i) => [`s${i}`, { name: `s${i}`, type: 'String' }])) } as never])])] },
      ['chatBots[0].versions[0].intents[0].slots'],
    ],
    ['a 101-character intent name', { chatBots: [bot('b', [version('v', [intent('x'.repeat(101))])])] }, ['chatBots[0].versions[0].intents[0].name']],
    ['a bot name with leading whitespace', { chatBots: [{ ...bot('b'), name: ' Bot' }] }, ['chatBots[0].name']],
    ['a version name with trailing whitespace', { chatBots: [bot('b', [version('v1 ')])] }, ['chatBots[0].versions[0].version']],
    ['a 257-character description', { chatBots: [{ ...bot('b'), description: 'd'.repeat(257) }] }, ['chatBots[0].description']],
    ['a control character in a name', { chatBots: [{ ...bot('b'), name: 'Bot\u0007' }] }, ['chatBots[0].name']],
    ['an unknown slot type', { chatBots: [bot('b', [version('v', [{ name: 'i', slots: { s: { name: 's', type: 'Number' } } } as never])])] }, ['chatBots[0].versions[0].intents[0].slots.s.type']],
    ['duplicate bot ids', { chatBots: [bot('b'), bot('b')] }, ['chatBots[1].id']],
    ['duplicate intents', { chatBots: [bot('b', [version('v', [intent('i'), intent('i')])])] }, ['chatBots[0].versions[0].intents[1].name']],
    ['missing versions', { chatBots: [{ id: 'b' }] }, ['chatBots[0].versions']],
    ['missing supportedLanguages', { chatBots: [bot('b', [{ version: 'v', intents: [] } as never])] }, ['chatBots[0].versions[0].supportedLanguages']],
    ['no chatBots', {}, ['chatBots']],
  ])('rejects %s naming the field', (_name, body, expected) => {
    expect(fieldsOf(body)).toEqual(expected);
  });

  it('counts names in characters, not UTF-16 units', () => {
    expect(fieldsOf({ chatBots: [{ ...bot('b'), name: '🍪'.repeat(100) }] })).toEqual([]);
  });
});
