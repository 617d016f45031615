import '@testing-library/jest-dom/vitest';
import { cleanup } from '@testing-library/react';
import { afterEach, beforeEach, vi } from 'vitest';

// Dates and times follow the browser's language; the tests read them as en-GB does ("09:00", "Tuesday, 1 December").
// time.test.ts changes it to show that another language is followed.
beforeEach(() => {
  if (typeof navigator === 'undefined') {
    vi.stubGlobal('navigator', { languages: ['en-GB'], language: 'en-GB' });
  } else {
    vi.spyOn(navigator, 'languages', 'get').mockReturnValue(['en-GB']);
  }
});

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
  if (typeof window !== "undefined") {
    window.localStorage.clear();
  }
});
