// Errors whose message is already the sentence the person should read; everything else goes
// through describeError. Neither ever carries a token or key.
import { describeError } from '../sync/describe-error';

export class UserFacingError extends Error {}

export function sentenceOf(error: unknown): string {
  if (error instanceof UserFacingError) return error.message;
  if (error instanceof Error && error.name === 'NotReadyError') return error.message;
  return describeError(error);
}
