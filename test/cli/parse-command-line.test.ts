import { describe, expect, it } from 'vitest';
import { parseCommandLine } from '../../src/cli/parse-command-line.js';

const OPTIONS = {
  max: { type: 'string' },
  filter: { type: 'string' },
  quirk: { type: 'string', multiple: true },
  json: { type: 'boolean', default: false },
} as const;

const parse = (...argv: string[]) => parseCommandLine(argv, OPTIONS);

describe('reading a command line', () => {
  it('takes a value that starts with a dash as the value it is', () => {
    expect(parse('--max', '-1').values.max).toBe('-1');
    expect(parse('--filter', "-x='y'").values.filter).toBe("-x='y'");
  });

  it('keeps inline values, repeated flags, switches, defaults and positionals', () => {
    const { values, positionals } = parse('users', '--max=5', '--quirk', 'a', '--quirk=b=1', '--', '--raw');
    expect(values).toEqual({ max: '5', quirk: ['a', 'b=1'], json: false });
    expect(positionals).toEqual(['users', '--raw']);
    expect(parse('--json').values.json).toBe(true);
  });

  it('names an unknown option, with the one that was meant when it is a typo', () => {
    expect(() => parse('--bogus')).toThrow(/^unknown option --bogus$/);
    expect(() => parse('--fliter', 'x')).toThrow('unknown option --fliter (did you mean --filter?)');
    expect(() => parse('-m', '3')).toThrow(/^unknown option -m$/);
  });

  it('says which flag needs a value, and which one takes none', () => {
    expect(() => parse('--max')).toThrow('--max needs a value');
    expect(() => parse('--max', '--json')).toThrow('--max needs a value');
    expect(() => parse('--json=yes')).toThrow('--json takes no value');
  });
});
