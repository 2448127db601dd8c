import { describe, expect, it } from 'vitest';
import { AuthError, ServiceUnavailableError } from '../../../lib/errors';
import {
  askedError,
  sentenceOf,
  UserFacingError,
  unreachableSentence,
} from '../../../lib/extension/user-error';

describe('what a person reads when a service does not answer what they asked for', () => {
  it('names the service and the next step, not "the next sync will try again"', () => {
    expect(unreachableSentence('quickbooks', null)).toBe(
      'QuickBooks could not be reached: check the internet connection, then try again.',
    );
    expect(unreachableSentence('karbon', 'http://127.0.0.1:8787')).toBe(
      'Karbon could not be reached: check that the sandbox is running at http://127.0.0.1:8787, then try again.',
    );
  });

  it('an unreachable service becomes that sentence; other errors keep their own', () => {
    const unreachable = askedError(
      new ServiceUnavailableError(
        'karbon',
        'Karbon could not be reached (GET /v3/Contacts: connection failed)',
      ),
      null,
    );
    expect(unreachable).toBeInstanceOf(UserFacingError);
    expect(sentenceOf(unreachable)).toBe(
      'Karbon could not be reached: check the internet connection, then try again.',
    );
    const refused = new AuthError('karbon', 'rejected');
    expect(askedError(refused, null)).toBe(refused);
    expect(sentenceOf(refused)).toBe('Karbon rejected the API key: update the Karbon key in Settings.');
  });
});
