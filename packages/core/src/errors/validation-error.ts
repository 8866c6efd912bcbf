import { PasserelleError } from './passerelle-error.js';

/** One problem with one field; `path` is dotted (`items.3.price.amount`). */
export interface FieldIssue {
  path: string;
  message: string;
}

export class ValidationError extends PasserelleError {
  readonly issues: FieldIssue[];
  constructor(message: string, issues: FieldIssue[], options: { cause?: unknown } = {}) {
    super('validation', message, options);
    this.issues = issues;
  }
}
