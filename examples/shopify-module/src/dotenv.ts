import { existsSync, readFileSync } from 'node:fs';

const LINE = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/;

function unquote(raw: string, lineNumber: number): string {
  const quote = raw[0];
  if (quote === '"' || quote === "'") {
    const end = raw.lastIndexOf(quote);
    if (end === 0) throw new Error(`.env line ${lineNumber}: unterminated quote`);
    const body = raw.slice(1, end);
    return quote === '"' ? body.replace(/\\n/g, '\n').replace(/\\(["\\])/g, '$1') : body;
  }
  // An unquoted value ends at a comment that follows whitespace (`KEY=value # note`).
  return raw.replace(/\s+#.*$/, '').trim();
}

/** `KEY=value` lines, optional `export `, quotes, `#` comments; anything else is an error naming its line. */
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

/** The environment over a `.env` file: a variable set in the real environment wins. */
export function withDotenv(
  env: Readonly<Record<string, string | undefined>>,
  path: string,
): Record<string, string | undefined> {
  if (!existsSync(path)) return { ...env };
  const merged: Record<string, string | undefined> = { ...parseDotenv(readFileSync(path, 'utf8')) };
  for (const [key, value] of Object.entries(env)) if (value !== undefined) merged[key] = value;
  return merged;
}
