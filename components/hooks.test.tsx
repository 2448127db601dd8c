import { describe, expect, it } from 'vitest';
import { errorSentence } from './hooks';

describe('errorSentence', () => {
  it('the background’s own sentence is shown as it is', () => {
    expect(errorSentence(new Error('Connect QuickBooks first (Connections).'))).toBe(
      'Connect QuickBooks first (Connections).',
    );
  });

  it('no background to answer (Chromium’s words) → what to do, not the browser’s message', () => {
    for (const message of [
      'Could not establish connection. Receiving end does not exist.',
      'The message port closed before a response was received.',
      'Extension context invalidated.',
    ]) {
      expect(errorSentence(new Error(message))).toBe(
        'The extension’s background did not answer: close this page and open it again; if it keeps happening, reload the extension in chrome://extensions.',
      );
    }
  });

  it('anything else still says what to do', () => {
    expect(errorSentence('?')).toBe('Something went wrong: try again.');
  });
});
