import { lazy } from 'react';
import { createBrowserRouter, type RouteObject } from 'react-router-dom';
import { AppLayout } from './layouts/AppLayout';
import { RequirePermission, RequireSession, RequireSignedIn } from './layouts/guards';
import { ForbiddenPage, NotFoundPage } from './components/StatusPages';
import { LoginPage } from './modules/auth/LoginPage';
import { ChangePasswordPage } from './modules/auth/ChangePasswordPage';
import { TotpEnrolPage } from './modules/auth/TotpEnrolPage';
import { HomePage } from './modules/home/HomePage';

// Pages behind a permission load on first visit: a phone on a slow network downloads only what it opens.
const UsersPage = lazy(() => import('./modules/users/UsersPage').then((m) => ({ default: m.UsersPage })));
const AuditPage = lazy(() => import('./modules/audit/AuditPage').then((m) => ({ default: m.AuditPage })));
const SecurityPolicyPage = lazy(() =>
  import('./modules/security/SecurityPolicyPage').then((m) => ({ default: m.SecurityPolicyPage })),
);

export const routes: RouteObject[] = [
  { path: '/login', element: <LoginPage /> },
  {
    path: '/password',
    element: (
      <RequireSignedIn>
        <ChangePasswordPage />
      </RequireSignedIn>
    ),
  },
  {
    path: '/totp',
    element: (
      <RequireSignedIn>
        <TotpEnrolPage />
      </RequireSignedIn>
    ),
  },
  {
    path: '/',
    element: (
      <RequireSession>
        <AppLayout />
      </RequireSession>
    ),
    children: [
      { index: true, element: <HomePage /> },
      { path: 'regions/:code', element: <HomePage /> },
      {
        path: 'users',
        element: (
          <RequirePermission permission="users:read">
            <UsersPage />
          </RequirePermission>
        ),
      },
      {
        path: 'audit',
        element: (
          <RequirePermission permission="audit:read">
            <AuditPage />
          </RequirePermission>
        ),
      },
      {
        path: 'security',
        element: (
          <RequirePermission permission="security:manage">
            <SecurityPolicyPage />
          </RequirePermission>
        ),
      },
      { path: '403', element: <ForbiddenPage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
];

export const router = createBrowserRouter(routes);
