import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../api/client';

/**
 * An Idempotency-Key for one draft. crypto.randomUUID needs a secure context (https or localhost);
 * an intranet served over plain http still has getRandomValues, so the key is built from that there.
 */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const hex = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Failures a second try may cure: no answer at all, a timeout, throttling or a server error. */
export function isTransient(error: unknown): boolean {
  return (
    error instanceof ApiError &&
    (error.status === 0 || error.status === 408 || error.status === 429 || error.status >= 500)
  );
}

/** Waits before the 2nd, 3rd ... attempt; after the last one the sender pauses and keeps the draft. */
export const RETRY_DELAYS_MS = [1500, 3000, 5000, 10_000, 15_000, 20_000];

export type SendState =
  | { phase: 'idle' }
  | { phase: 'sending'; attempt: number }
  /** A try failed for want of a network or a server: the next one starts at `retryAt`. */
  | { phase: 'retrying'; attempt: number; retryAt: number; error: ApiError }
  /** Automatic retries ran out (or were stopped); the draft and its key are kept for a manual retry. */
  | { phase: 'paused'; attempts: number; error: ApiError };

/** Thrown by send() when retries ran out or were stopped: nothing is lost, the caller may send again. */
export class SendPausedError extends Error {
  readonly reason: ApiError;
  constructor(reason: ApiError) {
    super(reason.message);
    this.name = 'SendPausedError';
    this.reason = reason;
  }
}

interface Run {
  stopped: boolean;
  wake: (() => void) | null;
}

/**
 * Sends a request that must not be lost or doubled: the caller passes a function that sends the same
 * body with the same Idempotency-Key each time; network failures and 5xx answers are retried with a
 * growing pause (state `retrying`, for a visible 正在重试), a 4xx answer is thrown at once.
 */
export function useReliableSend() {
  const [state, setState] = useState<SendState>({ phase: 'idle' });
  const current = useRef<Run | null>(null);

  useEffect(
    () => () => {
      // Leaving the page stops the retries; the draft (and its key) stays with the caller.
      if (current.current) current.current.stopped = true;
      current.current?.wake?.();
    },
    [],
  );

  const send = useCallback(async <T>(attemptOnce: () => Promise<T>): Promise<T> => {
    const run: Run = { stopped: false, wake: null };
    current.current = run;
    for (let attempt = 1; ; attempt += 1) {
      setState({ phase: 'sending', attempt });
      try {
        const value = await attemptOnce();
        setState({ phase: 'idle' });
        return value;
      } catch (error) {
        if (!isTransient(error)) {
          setState({ phase: 'idle' });
          throw error;
        }
        const apiError = error as ApiError;
        const delay = RETRY_DELAYS_MS[attempt - 1];
        if (run.stopped || delay === undefined) {
          setState({ phase: 'paused', attempts: attempt, error: apiError });
          throw new SendPausedError(apiError);
        }
        setState({ phase: 'retrying', attempt, retryAt: Date.now() + delay, error: apiError });
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, delay);
          run.wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        run.wake = null;
        if (run.stopped) {
          setState({ phase: 'paused', attempts: attempt, error: apiError });
          throw new SendPausedError(apiError);
        }
      }
    }
  }, []);

  /** Skips the pause and tries again now. */
  const retryNow = useCallback(() => current.current?.wake?.(), []);
  /** Stops retrying; the draft is kept. */
  const stop = useCallback(() => {
    if (current.current) current.current.stopped = true;
    current.current?.wake?.();
  }, []);
  const reset = useCallback(() => setState({ phase: 'idle' }), []);

  const busy = state.phase === 'sending' || state.phase === 'retrying';
  return { state, busy, send, retryNow, stop, reset };
}
