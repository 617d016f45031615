import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { expect, test } from 'vitest';
import { fakeFetch, json, withApi } from '../../test/fakeApi';
import { FindSpecialists } from './FindSpecialists';

const listing = (name: string, email: string, nextOpenAt: string | null) => ({
  email, displayName: name, introduction: `${name} helps.\nSecond line.`, timezone: 'UTC',
  services: [{ id: 'career', title: 'Career coaching', durationMinutes: 60, description: null }], nextOpenAt,
});

test('each specialist shows their next free time or that they have none, and links to their page for the service', async () => {
  const { fetch, calls } = fakeFetch(() =>
    json([listing('Ann Weber', 'ann@example.com', '2030-01-15T09:30:00Z'), listing('Kai Mori', 'kai@example.org', null)]));
  const opened: string[] = [];
  render(<FindSpecialists serviceId="career" timeZone="UTC" onNavigate={(p) => opened.push(p)} />, { wrapper: withApi(fetch) });

  const cards = within(await screen.findByRole('list', { name: 'Specialists' })).getAllByRole('article');
  expect(cards.map((c) => c.textContent)).toEqual([
    'Ann WeberAnn Weber helps.Career coachingNext free: 15 Jan 2030, 09:30',
    'Kai MoriKai Mori helps.Career coachingNo free times at the moment',
  ]);
  const link = within(cards[0]!).getByRole('link', { name: 'Ann Weber' });
  expect(link).toHaveAttribute('href', '/specialists/ann%40example.com?service=career');
  await userEvent.click(link);
  expect(opened).toEqual(['/specialists/ann%40example.com?service=career']);
  expect(calls[0]!.query.get('serviceId')).toBe('career');
});

test('typing searches once the typing pauses, and Show more reads the next page through the cursor', async () => {
  const { fetch, calls } = fakeFetch(({ query }) =>
    query.get('cursor') === 'page-2'
      ? json([listing('Zoe Last', 'zoe@example.com', null)])
      : query.get('q') === 'coach'
        ? json([listing('Ann Weber', 'ann@example.com', null)], 200, { Link: '</api/specialists?q=coach&cursor=page-2>; rel="next"' })
        : json([]));
  render(<FindSpecialists timeZone="UTC" />, { wrapper: withApi(fetch) });

  expect(await screen.findByRole('heading', { name: 'No specialist has a public profile yet' })).toBeInTheDocument();
  await userEvent.type(screen.getByLabelText('Search by name, service or email'), 'coach');
  expect(await screen.findByRole('link', { name: 'Ann Weber' })).toBeInTheDocument();
  // One search for the pause after "coach", none for each letter on the way.
  expect(calls.map((c) => c.query.get('q'))).toEqual([null, 'coach']);

  await userEvent.click(screen.getByRole('button', { name: 'Show more' }));
  expect(await screen.findByRole('link', { name: 'Zoe Last' })).toBeInTheDocument();
  expect(calls.at(-1)!.query.get('q')).toBe('coach');
  expect(screen.queryByRole('button', { name: 'Show more' })).not.toBeInTheDocument();
});

test('an address typed and submitted opens that specialist’s page at once; a search with no match says so', async () => {
  const { fetch } = fakeFetch(() => json([]));
  const opened: string[] = [];
  render(<FindSpecialists onNavigate={(p) => opened.push(p)} />, { wrapper: withApi(fetch) });

  const search = screen.getByLabelText('Search by name, service or email');
  await userEvent.type(search, 'Ann@Example.com{Enter}');
  expect(opened).toEqual(['/specialists/ann%40example.com']);

  await userEvent.clear(search);
  await userEvent.type(search, 'nobody here');
  await waitFor(() => expect(screen.getByRole('heading', { name: 'No specialist matches “nobody here”' })).toBeInTheDocument());
});
