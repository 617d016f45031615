import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, expect, test } from 'vitest';
import { fakeFetch, json, withApi } from '../../test/fakeApi';
import { saveSession } from './session';
import { SignIn } from './SignIn';

afterEach(() => saveSession(null));

test('without an id, the local sign-in names the person by their whole address, not the part before the @', async () => {
  const { fetch, calls } = fakeFetch(() => json({ token: 't', expiresAt: '2099-01-01T00:00:00Z' }));
  const signedIn: string[] = [];
  render(<SignIn onSignedIn={(role) => signedIn.push(role)} />, { wrapper: withApi(fetch) });

  await userEvent.type(screen.getByLabelText('Email'), 'Bea.Walk@Other.org');
  await userEvent.type(screen.getByLabelText('Name'), 'Bea');
  await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));

  await waitFor(() => expect(signedIn).toEqual(['customer']));
  expect(calls.map((c) => c.body)).toEqual([{ role: 'customer', id: 'bea.walk@other.org', email: 'Bea.Walk@Other.org', name: 'Bea' }]);
});
