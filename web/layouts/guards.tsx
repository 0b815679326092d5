import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import type { Permission } from '../../common/permissions';
import { useAuth } from '../lib/auth';
import { ForbiddenPage, FullPageSpin } from '../components/StatusPages';

/** Where a signed-in user must go first, if anywhere: the forced password change, then 2FA enrolment. */
export function pendingStep(user: {
  mustChangePassword: boolean;
  totpEnrollmentRequired: boolean;
}): string | null {
  if (user.mustChangePassword) return '/password';
  if (user.totpEnrollmentRequired) return '/totp';
  return null;
}

/** App pages: a session with no pending step. */
export function RequireSession({ children }: { children: ReactNode }) {
  const { user } = useAuth();
  const location = useLocation();
  if (user === undefined) return <FullPageSpin />;
  if (user === null)
    return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  const step = pendingStep(user);
  if (step) return <Navigate to={step} replace />;
  return <>{children}</>;
}

/** The password and 2FA pages: any session, pending steps allowed. */
export function RequireSignedIn({ children }: { children: ReactNode }) {
  const { user } = useAuth();
  if (user === undefined) return <FullPageSpin />;
  if (user === null) return <Navigate to="/login" replace />;
  return <>{children}</>;
}

export function RequirePermission({ permission, children }: { permission: Permission; children: ReactNode }) {
  const { user } = useAuth();
  if (!user?.permissions.includes(permission)) return <ForbiddenPage />;
  return <>{children}</>;
}
