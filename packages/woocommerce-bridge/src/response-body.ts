import { PlatformError } from '@passerelle/core';

/** How many characters of a bad body an error quotes: enough to recognise the page, never a whole one. */
const EXCERPT_CHARS = 160;

/** A WooCommerce / WordPress REST error body: `{ code, message, data: { status, params? } }`. */
export interface WooErrorBody {
  code: string;
  message: string;
  data?: { status?: number; params?: Record<string, string>; [key: string]: unknown };
}

export function isWooErrorBody(value: unknown): value is WooErrorBody {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const record = value as Record<string, unknown>;
  return typeof record.code === 'string' && typeof record.message === 'string';
}

/** One line, bounded, with every given secret replaced: what an error may quote of a body. */
export function excerpt(text: string, secrets: readonly string[]): string {
  let out = text.replace(/\s+/g, ' ').trim();
  for (const secret of secrets) if (secret.length >= 4) out = out.split(secret).join('[redacted]');
  return out.length > EXCERPT_CHARS ? `${out.slice(0, EXCERPT_CHARS)}…` : out;
}

export type BodyProblem = 'empty' | 'html' | 'php-output' | 'truncated' | 'not-json';

/**
 * What is wrong with a body that did not parse as JSON. PHP notices printed before the JSON
 * (`display_errors` on) and HTML pages (a WAF, maintenance mode, a fatal error) are the usual causes;
 * a body that starts like JSON but ends early was cut in transit.
 */
export function classifyBody(text: string): BodyProblem {
  const trimmed = text.trim();
  if (trimmed === '') return 'empty';
  if (/^[[{]/.test(trimmed)) return 'truncated';
  if (/(notice|warning|deprecated|fatal error)\s*(<\/b>)?\s*:/i.test(trimmed.slice(0, 400)) && /[[{]/.test(trimmed)) {
    return 'php-output';
  }
  if (trimmed.startsWith('<')) return 'html';
  return 'not-json';
}

const problemText: Record<BodyProblem, string> = {
  empty: 'answered with an empty body instead of JSON',
  html: 'answered an HTML page instead of JSON (an error or maintenance page, or a security plug-in blocking /wp-json)',
  'php-output':
    'printed PHP output (a notice or warning) before its JSON; turn display_errors / WP_DEBUG_DISPLAY off on the shop',
  truncated: 'answered JSON that was cut short (the connection dropped or PHP stopped mid-answer)',
  'not-json': 'answered something that is not JSON',
};

/** Parses a WooCommerce answer, or throws a `PlatformError` that says plainly what came back. */
export function parseJsonBody(text: string, status: number, where: string, secrets: readonly string[]): unknown {
  try {
    if (text.trim() !== '') return JSON.parse(text) as unknown;
  } catch {
    // Classified below.
  }
  const problem = classifyBody(text);
  // A cut answer or an empty one can succeed on a second try; a page or a PHP notice will come back the same.
  const retryable = problem === 'truncated' || problem === 'empty' || status >= 500;
  const quoted = problem === 'empty' ? '' : `: "${excerpt(text, secrets)}"`;
  throw new PlatformError(
    `WooCommerce ${where} ${problemText[problem]} (HTTP ${status})${quoted}`,
    status,
    { problem },
    {
      retryable,
    },
  );
}
