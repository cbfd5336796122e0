import { ApiError } from '../../source/sandbox/api/status.ts';

/** The ApiError `action` throws; any other error propagates, and not throwing fails the test. */
export function apiErrorFrom(
  action: () => unknown,
  expectation = 'expected an ApiError',
): ApiError {
  try {
    action();
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error(expectation);
}
