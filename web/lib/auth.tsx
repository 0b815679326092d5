import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { SessionInfo, SessionUser } from '../../common/contracts/auth';
import type { Permission } from '../../common/permissions';
import { authApi } from '../api/auth';
import { onSessionEvent, setCsrfToken, type SessionEvent } from '../api/client';
import { queryClient } from './query-client';

export interface AuthState {
  /** The signed-in user, null when signed out, undefined while the first /me is pending. */
  user: SessionUser | null | undefined;
  /** Why the user was signed out by the server (shown on the login page), if so. */
  signedOutReason: SessionEvent | null;
  setSession: (info: SessionInfo) => void;
  setUser: (user: SessionUser) => void;
  logout: () => Promise<void>;
}

const AuthContext = createContext<AuthState | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [user, setUserState] = useState<SessionUser | null | undefined>(undefined);
  const [signedOutReason, setSignedOutReason] = useState<SessionEvent | null>(null);

  const setSession = useCallback((info: SessionInfo) => {
    setCsrfToken(info.csrfToken);
    setSignedOutReason(null);
    setUserState(info.user);
  }, []);

  const clear = useCallback((reason: SessionEvent | null) => {
    setCsrfToken(null);
    queryClient.clear();
    setSignedOutReason(reason);
    setUserState(null);
  }, []);

  useEffect(() => {
    onSessionEvent((event) => {
      if (event === 'UNAUTHENTICATED' || event === 'SESSION_EXPIRED') {
        clear(event);
        return;
      }
      setUserState((u) =>
        u
          ? {
              ...u,
              ...(event === 'PASSWORD_CHANGE_REQUIRED'
                ? { mustChangePassword: true }
                : { totpEnrollmentRequired: true }),
            }
          : u,
      );
    });
    authApi.me().then(setSession, () => setUserState((u) => (u === undefined ? null : u)));
    return () => onSessionEvent(null);
  }, [clear, setSession]);

  const logout = useCallback(async () => {
    try {
      await authApi.logout();
    } catch {
      // The server session may already be gone; the browser forgets it either way.
    }
    clear(null);
  }, [clear]);

  const value = useMemo<AuthState>(
    () => ({ user, signedOutReason, setSession, setUser: setUserState, logout }),
    [user, signedOutReason, setSession, logout],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const state = useContext(AuthContext);
  if (!state) throw new Error('useAuth outside AuthProvider');
  return state;
}

/** The signed-in user; only for pages behind the session guard. */
export function useUser(): SessionUser {
  const { user } = useAuth();
  if (!user) throw new Error('useUser without a session');
  return user;
}

export function useCan(permission: Permission): boolean {
  const { user } = useAuth();
  return !!user?.permissions.includes(permission);
}
