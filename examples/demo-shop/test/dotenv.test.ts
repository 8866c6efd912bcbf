import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDotenv, withDotenv } from '../src/dotenv.js';

describe('.env parsing', () => {
  it('reads plain, exported, quoted and commented lines', () => {
    const text = [
      '# the demo',
      'PASSERELLE_PORT=9000',
      'export PASSERELLE_HOST = 0.0.0.0  # all interfaces',
      "PASSERELLE_PASSWORD='literal $HOME # not a comment'",
      'MULTI="line one\\nline two" # note',
      'URL=http://x.test/#anchor',
      'EMPTY=',
      '',
    ].join('\n');
    expect(parseDotenv(text)).toEqual({
      PASSERELLE_PORT: '9000',
      PASSERELLE_HOST: '0.0.0.0',
      PASSERELLE_PASSWORD: 'literal $HOME # not a comment',
      MULTI: 'line one\nline two',
      URL: 'http://x.test/#anchor',
      EMPTY: '',
    });
  });

  it('names the line it cannot read', () => {
    expect(() => parseDotenv('A=1\nnot a pair\n')).toThrow('.env line 2: expected KEY=value');
    expect(() => parseDotenv('A="open\n')).toThrow('.env line 1: unterminated double quote');
    expect(() => parseDotenv("A='x' trailing\n")).toThrow('.env line 1: text after the closing quote');
  });

  it('never overrides the real environment, and changes nothing without a file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dotenv-'));
    try {
      writeFileSync(join(dir, '.env'), 'A=from-file\nB=from-file\n');
      expect(withDotenv({ A: 'from-env' }, join(dir, '.env'))).toEqual({ A: 'from-env', B: 'from-file' });
      expect(withDotenv({ A: 'x' }, join(dir, 'missing.env'))).toEqual({ A: 'x' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
