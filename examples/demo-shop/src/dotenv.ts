import { existsSync, readFileSync } from 'node:fs';

const LINE = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/;
const ESCAPES: Readonly<Record<string, string>> = { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\' };

function unquote(raw: string, lineNumber: number): string {
  if (raw.startsWith('"')) {
    const end = raw.lastIndexOf('"');
    if (end === 0) throw new Error(`.env line ${lineNumber}: unterminated double quote`);
    const rest = raw.slice(end + 1).trim();
    if (rest !== '' && !rest.startsWith('#')) throw new Error(`.env line ${lineNumber}: text after the closing quote`);
    return raw.slice(1, end).replace(/\\(.)/g, (match, char: string) => ESCAPES[char] ?? match);
  }
  if (raw.startsWith("'")) {
    const end = raw.lastIndexOf("'");
    if (end === 0) throw new Error(`.env line ${lineNumber}: unterminated single quote`);
    const rest = raw.slice(end + 1).trim();
    if (rest !== '' && !rest.startsWith('#')) throw new Error(`.env line ${lineNumber}: text after the closing quote`);
    return raw.slice(1, end);
  }
  // An unquoted value ends at a comment that follows whitespace (`KEY=value # note`); `#` inside stays.
  return raw.replace(/\s+#.*$/, '').trim();
}

/**
 * Parses `.env` text: `KEY=value`, optional `export `, single quotes (literal), double quotes
 * (with `\n`-style escapes), `#` comments. A line that is none of these is an error naming the line,
 * so a typo in a credential is never read as something else.
 */
export function parseDotenv(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  text.split(/\r?\n/).forEach((line, index) => {
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return;
    const match = LINE.exec(line);
    if (!match) throw new Error(`.env line ${index + 1}: expected KEY=value`);
    const [, key = '', raw = ''] = match;
    out[key] = unquote(raw, index + 1);
  });
  return out;
}

/**
 * The environment with the `.env` file of `directory` underneath it: a variable already set in the
 * real environment wins, as every dotenv loader does. No file, no change.
 */
export function withDotenv(
  env: Readonly<Record<string, string | undefined>>,
  path: string,
): Record<string, string | undefined> {
  if (!existsSync(path)) return { ...env };
  const fromFile = parseDotenv(readFileSync(path, 'utf8'));
  const merged: Record<string, string | undefined> = { ...fromFile };
  for (const [key, value] of Object.entries(env)) if (value !== undefined) merged[key] = value;
  return merged;
}
