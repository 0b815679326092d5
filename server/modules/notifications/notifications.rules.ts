/** Webhook deliveries: how long one POST may take and how often a failing one is retried. */
export const WEBHOOK_TIMEOUT_MS = 10_000;
/** After this many attempts a delivery is given up (it stays in the table with its last error). */
export const WEBHOOK_MAX_ATTEMPTS = 6;
/** Deliveries claimed per run. */
export const WEBHOOK_BATCH = 50;
const FIRST_RETRY_SECONDS = 60;

/** Seconds to wait after the n-th failed attempt: 1, 2, 4, 8, 16 minutes. */
export function retryDelaySeconds(attempts: number): number {
  return FIRST_RETRY_SECONDS * 2 ** Math.max(attempts - 1, 0);
}

/** Whether a pending delivery may be attempted at `now` (the TypeScript twin of the claim query). */
export function deliveryDue(d: { delivered: boolean; attempts: number; lastAttemptAt: Date | null }, now: Date): boolean {
  if (d.delivered || d.attempts >= WEBHOOK_MAX_ATTEMPTS) return false;
  if (d.lastAttemptAt === null || d.attempts === 0) return true;
  return now.getTime() - d.lastAttemptAt.getTime() >= retryDelaySeconds(d.attempts) * 1000;
}

/** A notification kind: lower-case words with dots or underscores (`reminder`, `incident.closed`). */
export const NOTIFICATION_KIND_PATTERN = /^[a-z][a-z0-9_.]{0,49}$/;
