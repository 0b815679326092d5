import { Suspense } from 'react';
import { createBrowserRouter, type RouteObject } from 'react-router-dom';
import { AppLayout } from './layouts/AppLayout';
import { RequireSession, RequireSignedIn } from './layouts/guards';
import { guarded, page } from './lib/routing';
import { ForbiddenPage, FullPageSpin, NotFoundPage } from './components/StatusPages';
import { LoginPage } from './modules/auth/LoginPage';
import { ChangePasswordPage } from './modules/auth/ChangePasswordPage';
import { TotpEnrolPage } from './modules/auth/TotpEnrolPage';
import { HomePage } from './modules/home/HomePage';
import { useUser } from './lib/auth';
import { sweepRoutes } from './modules/sweeps/routes';
import { rescueRoutes } from './modules/rescue/routes';
import { hotlineRoutes } from './modules/hotline/routes';
import { beneficiaryRoutes } from './modules/beneficiaries/routes';

const UsersPage = page(() => import('./modules/users/UsersPage'), 'UsersPage');
const AuditPage = page(() => import('./modules/audit/AuditPage'), 'AuditPage');
const SecurityPolicyPage = page(() => import('./modules/security/SecurityPolicyPage'), 'SecurityPolicyPage');
const InstitutionsPage = page(() => import('./modules/institutions/InstitutionsPage'), 'InstitutionsPage');
const InstitutionDetailPage = page(
  () => import('./modules/institutions/InstitutionDetailPage'),
  'InstitutionDetailPage',
);
const InstitutionFormPage = page(
  () => import('./modules/institutions/InstitutionFormPage'),
  'InstitutionFormPage',
);
const ImportPage = page(() => import('./modules/institutions/ImportPage'), 'ImportPage');
const EmergencyBoardPage = page(() => import('./modules/emergency/EmergencyBoardPage'), 'EmergencyBoardPage');
const OrdersPage = page(() => import('./modules/emergency/OrdersPage'), 'OrdersPage');
const OrderDetailPage = page(() => import('./modules/emergency/OrderDetailPage'), 'OrderDetailPage');
const NoticesPage = page(() => import('./modules/notices/NoticesPage'), 'NoticesPage');
const NoticeDetailPage = page(() => import('./modules/notices/NoticeDetailPage'), 'NoticeDetailPage');
const ComposeNoticePage = page(() => import('./modules/notices/ComposeNoticePage'), 'ComposeNoticePage');
const ReporterHomePage = page(() => import('./modules/daily-reports/ReportPage'), 'ReporterHomePage');
const OnBehalfReportPage = page(() => import('./modules/daily-reports/ReportPage'), 'OnBehalfReportPage');
const CompletenessPage = page(() => import('./modules/daily-reports/CompletenessPage'), 'CompletenessPage');
const MissingPage = page(() => import('./modules/daily-reports/MissingPage'), 'MissingPage');
const TestRoundsPage = page(() => import('./modules/test-rounds/TestRoundsPage'), 'TestRoundsPage');
const RoundDetailPage = page(() => import('./modules/test-rounds/RoundDetailPage'), 'RoundDetailPage');
const RecordResultPage = page(() => import('./modules/test-rounds/RecordResultPage'), 'RecordResultPage');
const IsolationPage = page(() => import('./modules/isolation/IsolationPage'), 'IsolationPage');
const RegisterPersonPage = page(() => import('./modules/isolation/RegisterPersonPage'), 'RegisterPersonPage');
const PersonDetailPage = page(() => import('./modules/isolation/PersonDetailPage'), 'PersonDetailPage');
const IsolationPolicyPage = page(() => import('./modules/isolation/PolicyPage'), 'PolicyPage');
const SuppliesPage = page(() => import('./modules/supplies/SuppliesPage'), 'SuppliesPage');
const InstitutionStockPage = page(() => import('./modules/supplies/SuppliesPage'), 'InstitutionStockPage');
const IncidentsPage = page(() => import('./modules/incidents/IncidentsPage'), 'IncidentsPage');
const IncidentDetailPage = page(() => import('./modules/incidents/IncidentDetailPage'), 'IncidentDetailPage');
const ReportIncidentPage = page(() => import('./modules/incidents/ReportIncidentPage'), 'ReportIncidentPage');
const RemindersPage = page(() => import('./modules/reminders/RemindersPage'), 'RemindersPage');
const WelfareTasksPage = page(() => import('./modules/reminders/WelfareTasksPage'), 'WelfareTasksPage');
const WelfareTaskDetailPage = page(
  () => import('./modules/reminders/WelfareTaskDetailPage'),
  'WelfareTaskDetailPage',
);
const PublicHotlinePage = page(() => import('./modules/hotline/PublicHotlinePage'), 'PublicHotlinePage');
const HotlineCallsPage = page(() => import('./modules/hotline/CallsPage'), 'CallsPage');
const HotlineStatsPage = page(() => import('./modules/hotline/StatsPage'), 'StatsPage');
const AssistancePage = page(() => import('./modules/assistance/AssistancePage'), 'AssistancePage');

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
      guarded('users', 'users:read', UsersPage),
      guarded('audit', 'audit:read', AuditPage),
      guarded('security', 'security:manage', SecurityPolicyPage),
      guarded('daily-reports', 'reports:read', CompletenessPage),
      guarded('daily-reports/missing', 'reports:read', MissingPage),
      guarded('daily-reports/report/:institutionId', 'reports:read', OnBehalfReportPage),
      guarded('institutions', 'institutions:read', InstitutionsPage),
      guarded('institutions/new', 'institutions:manage', InstitutionFormPage),
      guarded('institutions/import', 'institutions:manage', ImportPage),
      guarded('institutions/:id', 'institutions:read', InstitutionDetailPage),
      guarded('institutions/:id/edit', 'institutions:manage', InstitutionFormPage),
      guarded('emergency', 'emergency:read', EmergencyBoardPage),
      guarded('emergency/:code', 'emergency:read', EmergencyBoardPage),
      guarded('orders', 'emergency:read', OrdersPage),
      guarded('orders/:id', 'emergency:read', OrderDetailPage),
      guarded('notices', 'notices:read', NoticesPage),
      guarded('notices/new', 'notices:send', ComposeNoticePage),
      guarded('notices/:id', 'notices:read', NoticeDetailPage),
      guarded('test-rounds', 'tests:read', TestRoundsPage),
      guarded('test-rounds/:id', 'tests:read', RoundDetailPage),
      guarded('test-rounds/:id/record', 'tests:record', RecordResultPage),
      guarded('isolation', 'isolation:read', IsolationPage),
      guarded('isolation/new', 'isolation:record', RegisterPersonPage),
      guarded('isolation/policy', 'isolation:read', IsolationPolicyPage),
      guarded('isolation/:id', 'isolation:read', PersonDetailPage),
      guarded('supplies', 'supplies:read', SuppliesPage),
      guarded('supplies/institution/:id', 'supplies:read', InstitutionStockPage),
      guarded('incidents', 'incidents:read', IncidentsPage),
      guarded('incidents/new', 'incidents:report', ReportIncidentPage),
      guarded('incidents/:id', 'incidents:read', IncidentDetailPage),
      guarded('reminders', 'reports:read', RemindersPage),
      guarded('reminders/welfare-tasks', 'reports:read', WelfareTasksPage),
      guarded('reminders/welfare-tasks/:id', 'reports:read', WelfareTaskDetailPage),
      guarded('hotline/calls', 'hotline:read', HotlineCallsPage),
      guarded('hotline/stats', 'hotline:read', HotlineStatsPage),
      guarded('assistance', 'assistance:read', AssistancePage),
      ...sweepRoutes,
      ...rescueRoutes,
      ...hotlineRoutes,
      ...beneficiaryRoutes,
      { path: '403', element: <ForbiddenPage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
];

export const router = createBrowserRouter(routes);
