import { useState, type FormEvent } from 'react';
import type { Role } from '../api/consultingSlots';
import { formErrors } from '../api/problems';
import { useSlotsApi } from '../hooks/useConsultingSlots';
import { ErrorMessage, Field } from '../components/ui';
import { saveSession } from './session';

/**
 * Local sign-in (only under `./slots run`, which turns on `POST /api/dev/token`): pick a role and say who you are.
 * In production the host app signs people in and passes its tokens to the components instead.
 */
export function SignIn({ notice, onSignedIn }: { notice?: string | undefined; onSignedIn: (role: Role) => void }) {
  const api = useSlotsApi();
  const [form, setForm] = useState({ role: 'customer' as Role, id: '', email: '', name: '' });
  const [error, setError] = useState<unknown>(null);
  const [pending, setPending] = useState(false);
  const { fields: errors, form: formError } = formErrors(error);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setPending(true);
    setError(null);
    // The whole address: two people who share a name before the @ are two people.
    const id = form.id.trim() || form.email.trim().toLowerCase();
    try {
      const { token, expiresAt } = await api.devSignIn({
        role: form.role,
        id,
        email: form.email.trim() || undefined,
        name: form.name.trim() || undefined,
      });
      saveSession({ token, expiresAt, role: form.role, id, email: form.email.trim().toLowerCase(), name: form.name.trim() });
      onSignedIn(form.role);
    } catch (err) {
      setError(err);
    } finally {
      setPending(false);
    }
  }

  const input = (name: 'id' | 'email' | 'name', label: string, type: string, hint?: string) => (
    <Field id={`signin-${name}`} label={label} error={errors[name]} hint={hint}>
      {(control) => (
        <input
          {...control}
          type={type}
          value={form[name]}
          autoComplete={name === 'email' ? 'email' : name === 'name' ? 'name' : 'username'}
          onChange={(e) => setForm((f) => ({ ...f, [name]: e.target.value }))}
        />
      )}
    </Field>
  );

  return (
    <section className="page page-narrow" aria-labelledby="signin-title">
      <h1 id="signin-title">Sign in</h1>
      <p className="muted">To book a session, or to publish your own times as a specialist.</p>
      {notice && (
        <p className="notice notice-info" role="status">
          {notice}
        </p>
      )}
      <form className="form card" onSubmit={submit} noValidate>
        {formError ? <ErrorMessage error={formError} /> : null}
        <fieldset className="field">
          <legend>I am a</legend>
          <div className="segmented">
            {(['customer', 'specialist'] as const).map((role) => (
              <label key={role} className="segmented-option">
                <input
                  type="radio"
                  name="role"
                  value={role}
                  checked={form.role === role}
                  onChange={() => setForm((f) => ({ ...f, role }))}
                />
                <span>{role === 'customer' ? 'Customer' : 'Specialist'}</span>
              </label>
            ))}
          </div>
        </fieldset>
        {input('email', 'Email', 'email')}
        {input('name', 'Name', 'text')}
        <details className="note">
          <summary>About this sign-in</summary>
          <p className="small muted">
            This copy signs people in locally, for trying the product: no password, and a session lasts 8 hours. In a
            host app, the app signs people in itself.
          </p>
          {input('id', 'User id (optional)', 'text', 'Defaults to your email address.')}
        </details>
        <button type="submit" className="button button-primary" disabled={pending}>
          {pending ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </section>
  );
}
