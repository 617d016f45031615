import { render, screen } from '@testing-library/react';
import { afterEach, expect, test } from 'vitest';
import { fakeFetch, json, withApi } from '../../test/fakeApi';
import { App } from './App';

afterEach(() => window.history.replaceState(null, '', '/'));

test('a specialist link whose percent-encoding is broken shows the not-found page instead of crashing', () => {
  window.history.replaceState(null, '', '/specialists/%E0%A4%A');
  const { fetch } = fakeFetch(() => json([]));

  render(<App />, { wrapper: withApi(fetch) });

  expect(screen.getByRole('heading', { name: 'Page not found' })).toBeInTheDocument();
});

test('a well-encoded specialist link opens their page', async () => {
  window.history.replaceState(null, '', '/specialists/ann%40example.com');
  const { fetch } = fakeFetch(() => json([]));

  render(<App />, { wrapper: withApi(fetch) });

  expect(await screen.findByText(/ann@example\.com/)).toBeInTheDocument();
  expect(screen.queryByRole('heading', { name: 'Page not found' })).not.toBeInTheDocument();
});
