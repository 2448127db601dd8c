// Errors whose message is already the sentence the person should read; everything else goes
// through describeError. Neither ever carries a token or key.
import { type Service, ServiceUnavailableError } from '../errors';
import { describeError } from '../sync/describe-error';

export class UserFacingError extends Error {}

export function sentenceOf(error: unknown): string {
  if (error instanceof UserFacingError) return error.message;
  if (error instanceof Error && error.name === 'NotReadyError') return error.message;
  return describeError(error);
}

/**
 * A service that did not answer something the person asked for just now (a preview, the records
 * of a card, Karbon's list, a connection): the run's words ("the next sync will try again") do not
 * fit; the person can check the connection — or that the local sandbox runs — and try again.
 */
export function unreachableSentence(service: Service, sandboxUrl: string | null): string {
  const name = service === 'quickbooks' ? 'QuickBooks' : 'Karbon';
  const check = sandboxUrl
    ? `check that the sandbox is running at ${sandboxUrl}`
    : 'check the internet connection';
  return `${name} could not be reached: ${check}, then try again.`;
}

/** The error as the person who asked should read it (see unreachableSentence). */
export function askedError(error: unknown, sandboxUrl: string | null): unknown {
  return error instanceof ServiceUnavailableError
    ? new UserFacingError(unreachableSentence(error.service, sandboxUrl))
    : error;
}
