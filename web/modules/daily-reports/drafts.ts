import { newIdempotencyKey } from '../../lib/reliable-send';

/**
 * Drafts kept in memory for the session: leaving the page (or a failed send) loses nothing, and each
 * draft keeps one Idempotency-Key until it is sent, so every retry of it is the same request.
 */
export interface Draft<T> {
  values: T;
  key: string;
}

const drafts = new Map<string, Draft<unknown>>();

export function draftId(kind: string, institutionId: string, date: string): string {
  return `${kind}|${institutionId}|${date}`;
}

export function loadDraft<T>(id: string, initial: () => T): Draft<T> {
  const found = drafts.get(id) as Draft<T> | undefined;
  if (found) return found;
  const fresh = { values: initial(), key: newIdempotencyKey() };
  drafts.set(id, fresh);
  return fresh;
}

export function saveDraftValues<T>(id: string, values: T): void {
  const found = drafts.get(id);
  drafts.set(id, { values, key: found?.key ?? newIdempotencyKey() });
}

export function hasDraft(id: string): boolean {
  return drafts.has(id);
}

/** After the server took it: the next draft gets a new key. */
export function clearDraft(id: string): void {
  drafts.delete(id);
}

// The zero report's signer, remembered while the app is open (not stored on the device).
let rememberedSigner: string | null = null;

export function getSigner(): string | null {
  return rememberedSigner;
}

export function rememberSigner(name: string): void {
  rememberedSigner = name.trim() || null;
}
