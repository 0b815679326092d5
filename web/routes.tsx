import { lazy, Suspense } from 'react';
import { createBrowserRouter, type RouteObject } from 'react-router-dom';
import { AppLayout } from './layouts/AppLayout';
import { RequirePermission, RequireSession, RequireSignedIn } from './layouts/guards';
import { ForbiddenPage, FullPageSpin, NotFoundPage } from './components/StatusPages';
import { LoginPage } from './modules/auth/LoginPage';
import { ChangePasswordPage } from './modules/auth/ChangePasswordPage';
import { TotpEnrolPage } from './modules/auth/TotpEnrolPage';
import { HomePage } from './modules/home/HomePage';
import { useUser } from './lib/auth';

// Pages behind a permission load on first visit: a phone on a slow network downloads only what it opens.
const UsersPage = lazy(() => import('./modules/users/UsersPage').then((m) => ({ default: m.UsersPage })));
const AuditPage = lazy(() => import('./modules/audit/AuditPage').then((m) => ({ default: m.AuditPage })));
const SecurityPolicyPage = lazy(() =>
  import('./modules/security/SecurityPolicyPage').then((m) => ({ default: m.SecurityPolicyPage })),
);
const InstitutionsPage = lazy(() =>
  import('./modules/institutions/InstitutionsPage').then((m) => ({ default: m.InstitutionsPage })),
);
const InstitutionDetailPage = lazy(() =>
  import('./modules/institutions/InstitutionDetailPage').then((m) => ({ default: m.InstitutionDetailPage })),
);
const InstitutionFormPage = lazy(() =>
  import('./modules/institutions/InstitutionFormPage').then((m) => ({ default: m.InstitutionFormPage })),
);
const ImportPage = lazy(() => import('./modules/institutions/ImportPage').then((m) => ({ default: m.ImportPage })));
const EmergencyBoardPage = lazy(() =>
  import('./modules/emergency/EmergencyBoardPage').then((m) => ({ default: m.EmergencyBoardPage })),
);
const OrdersPage = lazy(() => import('./modules/emergency/OrdersPage').then((m) => ({ default: m.OrdersPage })));
const OrderDetailPage = lazy(() =>
  import('./modules/emergency/OrderDetailPage').then((m) => ({ default: m.OrderDetailPage })),
);
const NoticesPage = lazy(() => import('./modules/notices/NoticesPage').then((m) => ({ default: m.NoticesPage })));
const NoticeDetailPage = lazy(() =>
  import('./modules/notices/NoticeDetailPage').then((m) => ({ default: m.NoticeDetailPage })),
);
const ComposeNoticePage = lazy(() =>
  import('./modules/notices/ComposeNoticePage').then((m) => ({ default: m.ComposeNoticePage })),
);
const ReporterHomePage = lazy(() =>
  import('./modules/daily-reports/ReportPage').then((m) => ({ default: m.ReporterHomePage })),
);
const OnBehalfReportPage = lazy(() =>
  import('./modules/daily-reports/ReportPage').then((m) => ({ default: m.OnBehalfReportPage })),
);
const CompletenessPage = lazy(() =>
  import('./modules/daily-reports/CompletenessPage').then((m) => ({ default: m.CompletenessPage })),
);
const MissingPage = lazy(() =>
  import('./modules/daily-reports/MissingPage').then((m) => ({ default: m.MissingPage })),
);

// Test rounds, isolation before admission, supplies.
const TestRoundsPage = lazy(() =>
  import('./modules/test-rounds/TestRoundsPage').then((m) => ({ default: m.TestRoundsPage })),
);
const RoundDetailPage = lazy(() =>
  import('./modules/test-rounds/RoundDetailPage').then((m) => ({ default: m.RoundDetailPage })),
);
const RecordResultPage = lazy(() =>
  import('./modules/test-rounds/RecordResultPage').then((m) => ({ default: m.RecordResultPage })),
);
const IsolationPage = lazy(() =>
  import('./modules/isolation/IsolationPage').then((m) => ({ default: m.IsolationPage })),
);
const RegisterPersonPage = lazy(() =>
  import('./modules/isolation/RegisterPersonPage').then((m) => ({ default: m.RegisterPersonPage })),
);
const PersonDetailPage = lazy(() =>
  import('./modules/isolation/PersonDetailPage').then((m) => ({ default: m.PersonDetailPage })),
);
const IsolationPolicyPage = lazy(() =>
  import('./modules/isolation/PolicyPage').then((m) => ({ default: m.PolicyPage })),
);
const SuppliesPage = lazy(() =>
  import('./modules/supplies/SuppliesPage').then((m) => ({ default: m.SuppliesPage })),
);
const InstitutionStockPage = lazy(() =>
  import('./modules/supplies/SuppliesPage').then((m) => ({ default: m.InstitutionStockPage })),
);

// Incidents (紧急情况) and reminders (催报提醒、探访核查).
const IncidentsPage = lazy(() =>
  import('./modules/incidents/IncidentsPage').then((m) => ({ default: m.IncidentsPage })),
);
const IncidentDetailPage = lazy(() =>
  import('./modules/incidents/IncidentDetailPage').then((m) => ({ default: m.IncidentDetailPage })),
);
const ReportIncidentPage = lazy(() =>
  import('./modules/incidents/ReportIncidentPage').then((m) => ({ default: m.ReportIncidentPage })),
);
const RemindersPage = lazy(() =>
  import('./modules/reminders/RemindersPage').then((m) => ({ default: m.RemindersPage })),
);
const WelfareTasksPage = lazy(() =>
  import('./modules/reminders/WelfareTasksPage').then((m) => ({ default: m.WelfareTasksPage })),
);
const WelfareTaskDetailPage = lazy(() =>
  import('./modules/reminders/WelfareTaskDetailPage').then((m) => ({ default: m.WelfareTaskDetailPage })),
);

// Hotline (热线): the public directory outside the login, the operators' cockpit and statistics inside.
const PublicHotlinePage = lazy(() =>
  import('./modules/hotline/PublicHotlinePage').then((m) => ({ default: m.PublicHotlinePage })),
);
const HotlineCallsPage = lazy(() =>
  import('./modules/hotline/CallsPage').then((m) => ({ default: m.CallsPage })),
);
const HotlineStatsPage = lazy(() =>
  import('./modules/hotline/StatsPage').then((m) => ({ default: m.StatsPage })),
);

// Temporary assistance (临时救助): town reserve funds and grants.
const AssistancePage = lazy(() =>
  import('./modules/assistance/AssistancePage').then((m) => ({ default: m.AssistancePage })),
);

/** "/": an institution reporter's home is today's report; everyone else sees the region overview. */
function IndexPage() {
  const user = useUser();
  return user.institutionId ? <ReporterHomePage /> : <HomePage />;
}

export const routes: RouteObject[] = [
  { path: '/login', element: <LoginPage /> },
  {
    path: '/hotline',
    element: (
      <Suspense fallback={<FullPageSpin />}>
        <PublicHotlinePage />
      </Suspense>
    ),
  },
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
      { index: true, element: <IndexPage /> },
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
      {
        path: 'daily-reports',
        element: (
          <RequirePermission permission="reports:read">
            <CompletenessPage />
          </RequirePermission>
        ),
      },
      {
        path: 'daily-reports/missing',
        element: (
          <RequirePermission permission="reports:read">
            <MissingPage />
          </RequirePermission>
        ),
      },
      {
        path: 'daily-reports/report/:institutionId',
        element: (
          <RequirePermission permission="reports:read">
            <OnBehalfReportPage />
          </RequirePermission>
        ),
      },
      {
        path: 'institutions',
        element: (
          <RequirePermission permission="institutions:read">
            <InstitutionsPage />
          </RequirePermission>
        ),
      },
      {
        path: 'institutions/new',
        element: (
          <RequirePermission permission="institutions:manage">
            <InstitutionFormPage />
          </RequirePermission>
        ),
      },
      {
        path: 'institutions/import',
        element: (
          <RequirePermission permission="institutions:manage">
            <ImportPage />
          </RequirePermission>
        ),
      },
      {
        path: 'institutions/:id',
        element: (
          <RequirePermission permission="institutions:read">
            <InstitutionDetailPage />
          </RequirePermission>
        ),
      },
      {
        path: 'institutions/:id/edit',
        element: (
          <RequirePermission permission="institutions:manage">
            <InstitutionFormPage />
          </RequirePermission>
        ),
      },
      {
        path: 'emergency',
        element: (
          <RequirePermission permission="emergency:read">
            <EmergencyBoardPage />
          </RequirePermission>
        ),
      },
      {
        path: 'emergency/:code',
        element: (
          <RequirePermission permission="emergency:read">
            <EmergencyBoardPage />
          </RequirePermission>
        ),
      },
      {
        path: 'orders',
        element: (
          <RequirePermission permission="emergency:read">
            <OrdersPage />
          </RequirePermission>
        ),
      },
      {
        path: 'orders/:id',
        element: (
          <RequirePermission permission="emergency:read">
            <OrderDetailPage />
          </RequirePermission>
        ),
      },
      {
        path: 'notices',
        element: (
          <RequirePermission permission="notices:read">
            <NoticesPage />
          </RequirePermission>
        ),
      },
      {
        path: 'notices/new',
        element: (
          <RequirePermission permission="notices:send">
            <ComposeNoticePage />
          </RequirePermission>
        ),
      },
      {
        path: 'notices/:id',
        element: (
          <RequirePermission permission="notices:read">
            <NoticeDetailPage />
          </RequirePermission>
        ),
      },
      {
        path: 'test-rounds',
        element: (
          <RequirePermission permission="tests:read">
            <TestRoundsPage />
          </RequirePermission>
        ),
      },
      {
        path: 'test-rounds/:id',
        element: (
          <RequirePermission permission="tests:read">
            <RoundDetailPage />
          </RequirePermission>
        ),
      },
      {
        path: 'test-rounds/:id/record',
        element: (
          <RequirePermission permission="tests:record">
            <RecordResultPage />
          </RequirePermission>
        ),
      },
      {
        path: 'isolation',
        element: (
          <RequirePermission permission="isolation:read">
            <IsolationPage />
          </RequirePermission>
        ),
      },
      {
        path: 'isolation/new',
        element: (
          <RequirePermission permission="isolation:record">
            <RegisterPersonPage />
          </RequirePermission>
        ),
      },
      {
        path: 'isolation/policy',
        element: (
          <RequirePermission permission="isolation:read">
            <IsolationPolicyPage />
          </RequirePermission>
        ),
      },
      {
        path: 'isolation/:id',
        element: (
          <RequirePermission permission="isolation:read">
            <PersonDetailPage />
          </RequirePermission>
        ),
      },
      {
        path: 'supplies',
        element: (
          <RequirePermission permission="supplies:read">
            <SuppliesPage />
          </RequirePermission>
        ),
      },
      {
        path: 'supplies/institution/:id',
        element: (
          <RequirePermission permission="supplies:read">
            <InstitutionStockPage />
          </RequirePermission>
        ),
      },
      {
        path: 'incidents',
        element: (
          <RequirePermission permission="incidents:read">
            <IncidentsPage />
          </RequirePermission>
        ),
      },
      {
        path: 'incidents/new',
        element: (
          <RequirePermission permission="incidents:report">
            <ReportIncidentPage />
          </RequirePermission>
        ),
      },
      {
        path: 'incidents/:id',
        element: (
          <RequirePermission permission="incidents:read">
            <IncidentDetailPage />
          </RequirePermission>
        ),
      },
      {
        path: 'reminders',
        element: (
          <RequirePermission permission="reports:read">
            <RemindersPage />
          </RequirePermission>
        ),
      },
      {
        path: 'reminders/welfare-tasks',
        element: (
          <RequirePermission permission="reports:read">
            <WelfareTasksPage />
          </RequirePermission>
        ),
      },
      {
        path: 'reminders/welfare-tasks/:id',
        element: (
          <RequirePermission permission="reports:read">
            <WelfareTaskDetailPage />
          </RequirePermission>
        ),
      },
      {
        path: 'hotline/calls',
        element: (
          <RequirePermission permission="hotline:read">
            <HotlineCallsPage />
          </RequirePermission>
        ),
      },
      {
        path: 'hotline/stats',
        element: (
          <RequirePermission permission="hotline:read">
            <HotlineStatsPage />
          </RequirePermission>
        ),
      },
      {
        path: 'assistance',
        element: (
          <RequirePermission permission="assistance:read">
            <AssistancePage />
          </RequirePermission>
        ),
      },
      { path: '403', element: <ForbiddenPage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
];

export const router = createBrowserRouter(routes);
