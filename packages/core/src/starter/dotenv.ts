import { existsSync, readFileSync } from 'node:fs';

const LINE = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/;
const ESCAPES: Readonly<Record<string, string>> = { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\' };

function unquote(raw: string, lineNumber: number): string {
  const quote = raw[0];
  if (quote === '"' || quote === "'") {
    const end = raw.lastIndexOf(quote);
    if (end === 0)
      throw new Error(`.env line ${lineNumber}: unterminated ${quote === '"' ? 'double' : 'single'} quote`);
    const rest = raw.slice(end + 1).trim();
    if (rest !== '' && !rest.startsWith('#')) throw new Error(`.env line ${lineNumber}: text after the closing quote`);
    const body = raw.slice(1, end);
    return quote === '"' ? body.replace(/\\(.)/g, (match, char: string) => ESCAPES[char] ?? match) : body;
  }
  // An unquoted value ends at a comment that follows whitespace (`KEY=value # note`); `#` inside stays.
  return raw.replace(/\s+#.*$/, '').trim();
}

/**
 * Parses `.env` text: `KEY=value`, optional `export `, single quotes (literal), double quotes
 * (with `\n`, `\r`, `\t`, `\"` and `\\` escapes), `#` comments. A line that is none of these is an
 * error naming the line (never its content), so a typo in a credential is never read as something else.
 * @throws Error `.env line N: …`
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
 * The environment with the `.env` file at `path` underneath it: a variable already set in the real
 * environment wins, as every dotenv loader does. No file, no change. `process.env` is never modified.
 */
export function withDotenv(
  env: Readonly<Record<string, string | undefined>>,
  path: string,
): Record<string, string | undefined> {
  if (!existsSync(path)) return { ...env };
  const merged: Record<string, string | undefined> = parseDotenv(readFileSync(path, 'utf8'));
  for (const [key, value] of Object.entries(env)) if (value !== undefined) merged[key] = value;
  return merged;
}
