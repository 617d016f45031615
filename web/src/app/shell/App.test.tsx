import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
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

test('a first visit says what the product is before anyone is asked to sign in; Got it puts it away for good', async () => {
  const { fetch } = fakeFetch(() => json([]));
  const { unmount } = render(<App />, { wrapper: withApi(fetch) });

  const welcome = screen.getByRole('region', { name: 'Book time with a specialist, in your own time zone' });
  expect(welcome).toHaveTextContent('you sign in only to book');
  expect(screen.getByRole('heading', { level: 1, name: 'Find a specialist' })).toBeInTheDocument();
  await userEvent.click(screen.getByRole('button', { name: 'Got it' }));
  expect(screen.queryByRole('region', { name: /^Book time with a specialist/ })).not.toBeInTheDocument();

  unmount();
  render(<App />, { wrapper: withApi(fetch) });
  expect(screen.queryByRole('region', { name: /^Book time with a specialist/ })).not.toBeInTheDocument();
});

test('a signed-in customer is not welcomed again', () => {
  window.localStorage.setItem('slots.session', JSON.stringify({ token: 't', role: 'customer', email: 'bea@example.com', name: 'Bea', expiresAt: '2099-01-01T00:00:00Z' }));
  const { fetch } = fakeFetch(() => json([]));
  render(<App />, { wrapper: withApi(fetch) });

  expect(screen.getByRole('heading', { level: 1, name: 'Find a specialist' })).toBeInTheDocument();
  expect(screen.queryByRole('region', { name: /^Book time with a specialist/ })).not.toBeInTheDocument();
});
