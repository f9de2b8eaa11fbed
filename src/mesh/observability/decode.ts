/**
 * Checking JSON from Kiali and the tracing backends at the boundary: a decoder returns the typed
 * value or a sentence saying what was wrong, never throws, so a page can show the sentence.
 */
export type Decoded<T> = { ok: true; value: T } | { ok: false; error: string };

export const decoded = <T>(value: T): Decoded<T> => ({ ok: true, value });
export const malformed = <T>(error: string): Decoded<T> => ({ ok: false, error });

export type JsonRecord = Record<string, unknown>;

export const isRecord = (v: unknown): v is JsonRecord =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

export const optionalString = (v: unknown): string | undefined =>
  typeof v === 'string' ? v : undefined;

/** Kiali writes rates and percentages as strings ("12.40"); older fields may be numbers. */
export const numberOf = (v: unknown): number | undefined => {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v !== 'string' || v.trim() === '') return undefined;
  const n = Number(v);
  return Number.isFinite(n) ? n : undefined;
};

/** `true`, or Kiali's habit of flags that are objects (`hasVS: {hostnames}`) or non-empty lists. */
export const flagOf = (v: unknown): boolean =>
  v === true || (Array.isArray(v) ? v.length > 0 : isRecord(v));

export const describeType = (v: unknown): string =>
  v === null
    ? 'null'
    : Array.isArray(v)
      ? 'a list'
      : typeof v === 'object'
        ? 'an object'
        : typeof v;
