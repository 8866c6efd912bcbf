import { existsSync, readFileSync } from 'node:fs';

/** `KEY=value` lines; `#` comments; optional single or double quotes. */
export function parseDotenv(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const match = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(line);
    if (!match) continue;
    let value = (match[2] as string).trim();
    if ((value.startsWith('"') && value.endsWith('"')) || (value.startsWith("'") && value.endsWith("'")))
      value = value.slice(1, -1);
    out[match[1] as string] = value;
  }
  return out;
}

/** The environment, with a `.env` file filling only what the environment leaves unset. */
export function withDotenv(
  env: Readonly<Record<string, string | undefined>>,
  path: string,
): Record<string, string | undefined> {
  if (!existsSync(path)) return { ...env };
  const file = parseDotenv(readFileSync(path, 'utf8'));
  return { ...file, ...Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined)) };
}
