import type { FieldIssue, Problem } from '../types.js';
import { PasserelleClientError } from './passerelle-client-error.js';

const RETRYABLE_STATUSES = new Set([408, 425, 429, 500, 502, 503, 504]);
const ISSUES_IN_MESSAGE = 3;

/**
 * The module answered with an error status. `problem` is its RFC 9457 body (synthesised from the
 * status when the body was not a problem document, e.g. a proxy's HTML page). The request's
 * headers are deliberately not kept: they hold the password.
 */
export class PasserelleHttpError extends PasserelleClientError {
  readonly status: number;
  readonly problem: Problem;
  /** The answer's `Retry-After`, in milliseconds, when it had one. */
  readonly retryAfterMs: number | undefined;
  /** `GET`, `PUT`, ... */
  readonly method: string;
  /** The route, relative to `/passerelle/v1`, without the query string (`/orders/acknowledge`). */
  readonly route: string;

  constructor(details: { method: string; route: string; problem: Problem; retryAfterMs?: number | undefined }) {
    const { method, route, problem } = details;
    super(describe(method, route, problem), { retryable: RETRYABLE_STATUSES.has(problem.status) });
    this.status = problem.status;
    this.problem = problem;
    this.retryAfterMs = details.retryAfterMs;
    this.method = method;
    this.route = route;
  }

  /**
   * The problem code: the last segment of a Passerelle problem `type`
   * (`https://passerelle.dev/problems/validation` -> `validation`), `undefined` for `about:blank`.
   */
  get code(): string | undefined {
    if (this.problem.type === 'about:blank') return undefined;
    const segment = this.problem.type.split('/').pop();
    return segment === undefined || segment === '' ? undefined : segment;
  }

  /** The field-level issues of a validation problem, `[]` otherwise. */
  get issues(): FieldIssue[] {
    return this.problem.errors ?? [];
  }
}

function describe(method: string, route: string, problem: Problem): string {
  let message = `${method} ${route} answered ${problem.status} ${problem.title}`;
  if (problem.detail !== undefined && problem.detail !== '') message += `: ${problem.detail}`;
  const issues = problem.errors ?? [];
  if (issues.length > 0) {
    const shown = issues.slice(0, ISSUES_IN_MESSAGE).map((issue) => `${issue.path || '(body)'}: ${issue.message}`);
    const more = issues.length > ISSUES_IN_MESSAGE ? `; and ${issues.length - ISSUES_IN_MESSAGE} more` : '';
    message += ` (${shown.join('; ')}${more})`;
  }
  return message;
}
