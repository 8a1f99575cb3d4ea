import { describe, expect, it } from 'vitest';
import { UsageError, intFlag, parseArgs, stringFlag, wantsHelp } from '../../../common/cli/args';

describe('the one argument parser (app CLI, server, harness)', () => {
  it('reads --name value, --name=value, bare flags and positionals', () => {
    const parsed = parseArgs(['import', '--data-dir', '/d', '--kind=template', 'file.ndjson', '--json'], ['data-dir', 'kind'], ['json']);
    expect(parsed.positionals).toEqual(['import', 'file.ndjson']);
    expect([...parsed.flags]).toEqual([
      ['data-dir', '/d'],
      ['kind', 'template'],
      ['json', true],
    ]);
    expect(stringFlag(parsed, 'kind')).toBe('template');
    expect(stringFlag(parsed, 'json')).toBeUndefined();
  });

  it('takes everything after -- as positionals', () => {
    expect(parseArgs(['--', '--kind', 'x'], ['kind']).positionals).toEqual(['--kind', 'x']);
  });

  it('answers mistakes with a UsageError that names the option', () => {
    expect(() => parseArgs(['--format', 'osticket'], ['kind'])).toThrow(new UsageError('unknown option --format'));
    expect(() => parseArgs(['--kind'], ['kind'])).toThrow(new UsageError('--kind needs a value'));
    expect(() => parseArgs(['--kind='], ['kind'])).toThrow(new UsageError('--kind needs a value'));
    expect(() => parseArgs(['--json=1'], [], ['json'])).toThrow(new UsageError('--json takes no value'));
  });

  it('reads whole numbers within bounds only', () => {
    expect(intFlag(parseArgs(['--port', '0'], ['port']), 'port', 0, 65535)).toBe(0);
    expect(intFlag(parseArgs([], ['port']), 'port', 0, 65535)).toBeUndefined();
    for (const bad of ['65536', '-1', '1.5', '1e3', 'abc', ' ']) {
      expect(() => intFlag(parseArgs(['--port', bad], ['port']), 'port', 0, 65535)).toThrow(
        new UsageError('--port must be a whole number from 0 to 65535'),
      );
    }
  });

  it('sees --help or -h before a --', () => {
    expect(wantsHelp(['token', 'create', '--help'])).toBe(true);
    expect(wantsHelp(['-h'])).toBe(true);
    expect(wantsHelp(['search', '--', '--help'])).toBe(false);
    expect(wantsHelp(['search', 'help'])).toBe(false);
  });
});
