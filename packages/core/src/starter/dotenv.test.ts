import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDotenv, withDotenv } from '../index.js';

describe('parseDotenv', () => {
  it('reads plain, exported, quoted and commented lines', () => {
    const text = [
      '# the module',
      'PASSERELLE_PORT=9000',
      'export PASSERELLE_HOST = 0.0.0.0  # all interfaces',
      "PASSERELLE_PASSWORD='literal $HOME # not a comment'",
      'MULTI="line one\\nline two\\t\\"quoted\\" \\\\ end" # note',
      'URL=http://x.test/#anchor',
      'EMPTY=',
      '',
    ].join('\r\n');
    expect(parseDotenv(text)).toEqual({
      PASSERELLE_PORT: '9000',
      PASSERELLE_HOST: '0.0.0.0',
      PASSERELLE_PASSWORD: 'literal $HOME # not a comment',
      MULTI: 'line one\nline two\t"quoted" \\ end',
      URL: 'http://x.test/#anchor',
      EMPTY: '',
    });
  });

  it('names the line it cannot read, never its content', () => {
    expect(() => parseDotenv('A=1\nnot a pair\n')).toThrow('.env line 2: expected KEY=value');
    expect(() => parseDotenv('A="open\n')).toThrow('.env line 1: unterminated double quote');
    expect(() => parseDotenv("A='open\n")).toThrow('.env line 1: unterminated single quote');
    expect(() => parseDotenv("A='x' trailing\n")).toThrow('.env line 1: text after the closing quote');
    expect(() => parseDotenv('SECRET-KEY=hunter2-hunter2\n')).toThrow(/^\.env line 1: expected KEY=value$/);
  });
});

describe('withDotenv', () => {
  it('never overrides the real environment, and changes nothing without a file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'starter-dotenv-'));
    try {
      writeFileSync(join(dir, '.env'), 'A=from-file\nB=from-file\n');
      expect(withDotenv({ A: 'from-env', C: undefined }, join(dir, '.env'))).toEqual({ A: 'from-env', B: 'from-file' });
      expect(withDotenv({ A: 'x' }, join(dir, 'missing.env'))).toEqual({ A: 'x' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
