import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { User } from './lib/types';

export interface SessionValue {
  user: User;
  signOut: () => void;
}

export const SessionContext = createContext<SessionValue | null>(null);

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside a signed-in page');
  return value;
}
