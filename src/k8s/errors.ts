/**
 * Classifying what the SDK's watch hooks and k8s functions throw. The SDK reports a kind that
 * discovery does not know (its CRD is absent) as NoModelError; class names are minified in the
 * console's build, so the message is the stable mark.
 */
const NO_MODEL_MESSAGE = 'Model does not exist';

/** The API server's Status body, as the SDK's HttpError carries it in `json`. */
export type ApiStatus = {
  message?: string;
  code?: number;
  reason?: string;
  details?: {
    name?: string;
    group?: string;
    kind?: string;
    causes?: { field?: string; message?: string; reason?: string }[];
  };
};

type ErrorLike = {
  message?: string;
  code?: number;
  response?: { status?: number };
  json?: ApiStatus;
};

const asErrorLike = (err: unknown): ErrorLike =>
  err && typeof err === 'object' ? (err as ErrorLike) : {};

export const httpStatusOf = (err: unknown): number | undefined => {
  const e = asErrorLike(err);
  return e.code ?? e.response?.status ?? e.json?.code;
};

/** A watched kind that discovery does not serve (its CRD is absent): "not installed". */
export class ApiNotServedError extends Error {
  constructor(readonly kind: string) {
    super(`${kind} is not served by this cluster`);
    this.name = 'ApiNotServedError';
  }
}

/** The API (CRD) is not served: a normal state meaning "not installed", not a failure. */
export const isApiAbsent = (err: unknown): boolean =>
  !!err &&
  (err instanceof ApiNotServedError ||
    asErrorLike(err).message === NO_MODEL_MESSAGE ||
    httpStatusOf(err) === 404);

export const isForbidden = (err: unknown): boolean => httpStatusOf(err) === 403;

/** The API server's own words when there are any, else the error's message. */
export const errorMessage = (err: unknown): string => {
  const e = asErrorLike(err);
  return e.json?.message || e.message || String(err);
};

/** The Status object the API server sent, when the error carries one. */
export const apiStatusOf = (err: unknown): ApiStatus | undefined => {
  const json = asErrorLike(err).json;
  return json && typeof json === 'object' ? json : undefined;
};
