import type { Logger } from '../module.js';

function line(level: string, message: string, details?: Record<string, unknown>): string {
  return `[passerelle] ${level}${message}${details ? ` ${JSON.stringify(details)}` : ''}`;
}

/**
 * The module's log lines on stderr, `[passerelle] warning: …`, so stdout keeps the banner. The module
 * never passes a secret to its logger (details are redacted before they get here).
 */
export const stderrLogger: Logger = {
  info: (message) => console.error(line('', message)),
  warn: (message, details) => console.error(line('warning: ', message, details)),
  error: (message, details) => console.error(line('error: ', message, details)),
};
