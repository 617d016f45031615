// The signed-in person, kept in this browser's local storage: a token from the local sign-in and who it names.
import { useSyncExternalStore } from 'react';
import type { Role } from '../api/consultingSlots';

export interface Session {
  token: string;
  expiresAt: string;
  role: Role;
  id: string;
  email: string;
  name: string;
}

const KEY = 'slots.session';
const listeners = new Set<() => void>();
let cached: { raw: string | null; session: Session | null } = { raw: null, session: null };

function read(): Session | null {
  const raw = window.localStorage.getItem(KEY);
  if (raw !== cached.raw) {
    let session: Session | null = null;
    try {
      session = raw ? (JSON.parse(raw) as Session) : null;
    } catch {
      session = null;
    }
    cached = { raw, session };
  }
  const session = cached.session;
  return session && new Date(session.expiresAt) > new Date() ? session : null;
}

export function saveSession(session: Session | null) {
  if (session) {
    window.localStorage.setItem(KEY, JSON.stringify(session));
  } else {
    window.localStorage.removeItem(KEY);
  }
  listeners.forEach((l) => l());
}

export const currentToken = () => read()?.token ?? null;

export function useSession(): Session | null {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      window.addEventListener('storage', listener);
      return () => {
        listeners.delete(listener);
        window.removeEventListener('storage', listener);
      };
    },
    read,
  );
}
