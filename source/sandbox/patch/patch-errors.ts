import { ApiError } from '../api/status.ts';

/**
 * A 422 without detail: what the API server sends when a JSON patch operation fails (or a
 * strategic merge patch nests lists), built by apimachinery's NewGenericServerResponse, which
 * drops the underlying message. The detail is kept as `cause` for tests and logs.
 */
export function unprocessablePatch(detail: string): ApiError {
  const error = new ApiError(
    422,
    'Invalid',
    'the server rejected our request due to an error in our request',
    {},
  );
  error.cause = detail;
  return error;
}

/**
 * A 500 with the bare error text and no reason: how the server reports a plain Go error from the
 * patch code (a missing merge key, an unknown `$patch` directive).
 */
export function patchFailure(message: string): ApiError {
  return new ApiError(500, '', message);
}
