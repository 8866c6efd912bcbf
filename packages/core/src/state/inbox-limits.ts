/** An item that failed this many times stops being claimed: it is a poison message and needs a human. */
export const INBOX_MAX_ATTEMPTS = 10;

/**
 * How long a claimed item stays invisible to other claims. Long enough for one batch of webhook processing;
 * short enough that the items of a worker that crashed mid-batch are retried on a later run.
 */
export const INBOX_LEASE_SECONDS = 300;
