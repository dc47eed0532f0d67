// The route tree (React Router data router). Public pages load with the first bundle; the rest
// is split per page and fetched on first visit.
import type { ComponentType } from 'react';
import { createBrowserRouter, type RouteObject } from 'react-router';
import { LoginPage } from '../features/auth/LoginPage';
import { ComingSoonPage } from '../features/home/ComingSoonPage';
import { LandingPage } from '../features/landing/LandingPage';
import { ErrorPage } from './ErrorPage';
import { AnonymousOnly, RequireAuth, RequireRole } from './guards';
import { AppLayout } from './layouts/AppLayout';
import { PublicLayout } from './layouts/PublicLayout';
import { NotFoundPage } from './NotFoundPage';
import { APP_PAGES, type PageId } from './navigation';
import { RootLayout } from './RootLayout';
import { type PageLoader, RolePage } from './role-page';

/** A route module loaded on demand. */
function lazyPage(load: () => Promise<ComponentType>): Pick<RouteObject, 'lazy'> {
  return { lazy: async () => ({ Component: await load() }) };
}

// Pages shared by several roles at one address (see RolePage).
const directory: PageLoader = () =>
  import('../features/directory/DirectoryPage').then((m) => m.DirectoryPage);
const adminPractitioners: PageLoader = () =>
  import('../features/practitioner-admin/PractitionerApplicationsPage').then(
    (m) => m.PractitionerApplicationsPage,
  );
const employeeProfile: PageLoader = () =>
  import('../features/employee-profile/EmployeeProfilePage').then((m) => m.EmployeeProfilePage);
const practitionerProfile: PageLoader = () =>
  import('../features/practitioner-profile/PractitionerProfilePage').then((m) => m.PractitionerProfilePage);

// Pages of the navigation that exist; the others say "coming soon".
const BUILT: Partial<Record<PageId, Pick<RouteObject, 'lazy' | 'element'>>> = {
  home: lazyPage(() => import('../features/home/AppHomePage').then((m) => m.AppHomePage)),
  employees: lazyPage(() =>
    import('../features/employees/PendingEmployeesPage').then((m) => m.PendingEmployeesPage),
  ),
  admins: lazyPage(() => import('../features/admins/AdminsPage').then((m) => m.AdminsPage)),
  company: lazyPage(() => import('../features/media/CompanyBrandingPage').then((m) => m.CompanyBrandingPage)),
  notifications: lazyPage(() =>
    import('../features/notifications/NotificationsPage').then((m) => m.NotificationsPage),
  ),
  audit: lazyPage(() => import('../features/audit/AuditLogPage').then((m) => m.AuditLogPage)),
  practitioners: {
    element: (
      <RolePage
        pages={{ EMPLOYEE: directory, ADMIN_HUNTZEN: adminPractitioners, SUPER_ADMIN: adminPractitioners }}
      />
    ),
  },
  profile: { element: <RolePage pages={{ EMPLOYEE: employeeProfile, PRACTITIONER: practitionerProfile }} /> },
};

function appRoutes(): RouteObject[] {
  return (Object.keys(APP_PAGES) as PageId[]).map((id) => {
    const page = APP_PAGES[id];
    const child: RouteObject = BUILT[id]
      ? { index: true, ...BUILT[id] }
      : { index: true, element: <ComingSoonPage title={page.title} /> };
    const route: RouteObject = { element: <RequireRole roles={page.roles} />, children: [child] };
    // /app itself: a pathless wrapper whose index child is the home page.
    return id === 'home' ? route : { path: page.path.replace('/app/', ''), ...route };
  });
}

const publicRoutes: RouteObject[] = [
  { index: true, element: <LandingPage /> },
  {
    element: <AnonymousOnly />,
    children: [
      { path: 'login', element: <LoginPage /> },
      {
        path: 'login/2fa',
        ...lazyPage(() => import('../features/auth/TwoFactorLoginPage').then((m) => m.TwoFactorLoginPage)),
      },
      {
        path: 'signup',
        ...lazyPage(() => import('../features/signup/SignupChoicePage').then((m) => m.SignupChoicePage)),
      },
      {
        path: 'signup/employee',
        ...lazyPage(() => import('../features/signup/EmployeeSignupPage').then((m) => m.EmployeeSignupPage)),
      },
      {
        path: 'signup/company',
        ...lazyPage(() => import('../features/signup/CompanySignupPage').then((m) => m.CompanySignupPage)),
      },
      {
        path: 'signup/practitioner',
        ...lazyPage(() =>
          import('../features/signup/PractitionerSignupPage').then((m) => m.PractitionerSignupPage),
        ),
      },
      {
        path: 'forgot-password',
        ...lazyPage(() => import('../features/auth/ForgotPasswordPage').then((m) => m.ForgotPasswordPage)),
      },
    ],
  },
  {
    path: 'signup/done',
    ...lazyPage(() => import('../features/signup/SignupResultPage').then((m) => m.SignupResultPage)),
  },
  {
    path: 'verify-email',
    ...lazyPage(() => import('../features/auth/VerifyEmailPage').then((m) => m.VerifyEmailPage)),
  },
  {
    path: 'reset-password',
    ...lazyPage(() => import('../features/auth/ResetPasswordPage').then((m) => m.ResetPasswordPage)),
  },
  {
    element: <RequireAuth enrollment />,
    children: [
      {
        path: 'setup-2fa',
        ...lazyPage(() =>
          import('../features/security/SetupTwoFactorPage').then((m) => m.SetupTwoFactorPage),
        ),
      },
    ],
  },
  { path: '*', element: <NotFoundPage /> },
];

const signedInRoutes: RouteObject[] = [
  { path: 'app', children: [...appRoutes(), { path: '*', element: <NotFoundPage home="/app" /> }] },
  {
    path: 'account/security',
    ...lazyPage(() => import('../features/security/AccountSecurityPage').then((m) => m.AccountSecurityPage)),
  },
];

/** The application's routes. */
export const routes: RouteObject[] = [
  {
    element: <RootLayout />,
    errorElement: <ErrorPage />,
    children: [
      // Inner error boundaries keep the header (and its emergency button) when a page fails.
      { element: <PublicLayout />, children: [{ errorElement: <ErrorPage />, children: publicRoutes }] },
      {
        element: <RequireAuth />,
        children: [
          { element: <AppLayout />, children: [{ errorElement: <ErrorPage />, children: signedInRoutes }] },
        ],
      },
    ],
  },
];

/** Creates the browser router (called once, by the app root). */
export function createAppRouter() {
  return createBrowserRouter(routes);
}
