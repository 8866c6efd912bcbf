import { existsSync, readFileSync } from 'node:fs';

const LINE = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/;

function unquote(raw: string, line: number): string {
  for (const quote of ['"', "'"]) {
    if (!raw.startsWith(quote)) continue;
    const end = raw.lastIndexOf(quote);
    if (end === 0) throw new Error(`.env line ${line}: unterminated ${quote === '"' ? 'double' : 'single'} quote`);
    const inner = raw.slice(1, end);
    return quote === '"' ? inner.replace(/\\n/g, '\n').replace(/\\"/g, '"').replace(/\\\\/g, '\\') : inner;
  }
  // An unquoted value ends at a comment after whitespace (`KEY=value # note`).
  return raw.replace(/\s+#.*$/, '').trim();
}

/** `KEY=value` lines, `export ` prefixes, quotes and `#` comments; any other line is an error naming it. */
export function parseDotenv(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  text.split(/\r?\n/).forEach((line, index) => {
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return;
    const match = LINE.exec(line);
    if (!match) throw new Error(`.env line ${index + 1}: expected KEY=value`);
    out[match[1] as string] = unquote(match[2] ?? '', index + 1);
  });
  return out;
}

/** The environment over the `.env` file at `path`: a variable set in the real environment wins. */
export function withDotenv(
  env: Readonly<Record<string, string | undefined>>,
  path: string,
): Record<string, string | undefined> {
  if (!existsSync(path)) return { ...env };
  const merged: Record<string, string | undefined> = parseDotenv(readFileSync(path, 'utf8'));
  for (const [key, value] of Object.entries(env)) if (value !== undefined) merged[key] = value;
  return merged;
}
