import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { expect, test } from 'vitest';
import { fakeFetch, json, problem, withApi } from '../../test/fakeApi';
import { browserZone } from '../time';
import { ProfileSection, slug } from './ProfileForm';

test('a first profile starts from the sign-in name, a service’s link name follows its title, and it is saved whole', async () => {
  const { fetch, calls } = fakeFetch(({ method, body }) => (method === 'PUT' ? json({ email: 'ann@example.com', ...(body as object) }) : problem(404, 'specialist_not_found')));
  render(<ProfileSection specialistEmail="ann@example.com" signInName="Ann Weber" />, { wrapper: withApi(fetch) });

  expect(await screen.findByLabelText('Name customers see')).toHaveValue('Ann Weber');
  expect(screen.getByLabelText('Your time zone')).toHaveValue(browserZone());
  await userEvent.type(screen.getByLabelText('Introduction'), 'Career coach.{Enter}In English.');
  await userEvent.click(screen.getByRole('button', { name: 'Add a service' }));
  const service = screen.getByRole('group', { name: 'Service 1' });
  await userEvent.type(within(service).getByLabelText('Title'), 'Career coaching, 1:1');
  expect(within(screen.getByRole('group', { name: 'Career coaching, 1:1' })).getByLabelText('Link name')).toHaveValue('career-coaching-1-1');
  await userEvent.type(screen.getByLabelText('Usual length (minutes)'), '60');
  await userEvent.click(screen.getByRole('button', { name: 'Save profile' }));

  await waitFor(() => expect(screen.getByText(/^Saved\./)).toHaveAttribute('role', 'status'));
  expect(calls.filter((c) => c.method === 'PUT').map((c) => [c.path, c.body])).toEqual([
    ['/api/specialists/ann@example.com', {
      displayName: 'Ann Weber', introduction: 'Career coach.\nIn English.', timezone: browserZone(),
      services: [{ id: 'career-coaching-1-1', title: 'Career coaching, 1:1', durationMinutes: 60, description: null }],
    }],
  ]);
});

test('a link name typed stays; two services with one, a length out of range and no name are refused on their fields', async () => {
  const saved = { email: 'ann@example.com', displayName: 'Ann', introduction: null, timezone: 'Europe/Berlin',
    services: [{ id: 'tax', title: 'Tax returns', durationMinutes: null, description: null }] };
  const { fetch, calls } = fakeFetch(() => json(saved));
  render(<ProfileSection specialistEmail="ann@example.com" />, { wrapper: withApi(fetch) });

  const name = await screen.findByLabelText('Name customers see');
  await userEvent.clear(name);
  await userEvent.click(screen.getByRole('button', { name: 'Add a service' }));
  const second = screen.getByRole('group', { name: 'Service 2' });
  await userEvent.type(within(second).getByLabelText('Link name'), 'tax');
  await userEvent.type(within(second).getByLabelText('Title'), 'Tax advice');
  expect(within(second).getByLabelText('Link name')).toHaveValue('tax');
  await userEvent.type(within(second).getByLabelText('Usual length (minutes)'), '4');
  await userEvent.click(screen.getByRole('button', { name: 'Save profile' }));

  expect(name).toHaveAccessibleDescription('Say the name customers should see.');
  expect(within(second).getByLabelText('Link name')).toHaveAccessibleDescription('Another service has this link name.');
  expect(within(second).getByLabelText('Usual length (minutes)')).toHaveAccessibleDescription('Whole minutes from 5 to 1440.');
  expect(calls.filter((c) => c.method === 'PUT')).toEqual([]);

  // Removing the second leaves the first as it was.
  await userEvent.click(screen.getByRole('button', { name: 'Remove Tax advice' }));
  expect(screen.getAllByRole('group').map((g) => g.getAttribute('aria-label') ?? g.querySelector('legend')?.textContent)).toEqual([
    'Services you offer', 'Tax returns',
  ]);
});

test('a zone the API does not know is shown on the zone field', async () => {
  const { fetch } = fakeFetch(({ method }) =>
    method === 'PUT' ? problem(400, 'unknown_time_zone') : json({ email: 'a@x.io', displayName: 'A', introduction: null, timezone: null, services: [] }));
  render(<ProfileSection specialistEmail="a@x.io" />, { wrapper: withApi(fetch) });

  const zone = await screen.findByLabelText('Your time zone');
  await userEvent.clear(zone);
  await userEvent.type(zone, 'Mars/Olympus');
  await userEvent.click(screen.getByRole('button', { name: 'Save profile' }));

  await waitFor(() => expect(zone).toHaveAccessibleDescription('That time zone is not known. Pick one from the list.'));
});

test('a link name is made of lower-case ASCII letters, digits and dashes', () => {
  expect(slug('  Ärger & Steuern: 2026!  ')).toBe('arger-steuern-2026');
  expect(slug('---')).toBe('');
});
