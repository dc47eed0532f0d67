// The route tree (React Router data router). Public pages load with the first bundle; the rest
// is split per page and fetched on first visit.
import type { ComponentType } from 'react';
import { createBrowserRouter, type RouteObject } from 'react-router';
import { Loading } from '../components/QueryState';
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
const publicPractitionerProfile: PageLoader = () =>
  import('../features/directory/PractitionerProfilePage').then((m) => m.PractitionerProfilePage);
const adminBilling: PageLoader = () => import('../features/billing/BillingPage').then((m) => m.BillingPage);
const companyBilling: PageLoader = () =>
  import('../features/billing/CompanyBillingPage').then((m) => m.CompanyBillingPage);
const newsAdmin: PageLoader = () => import('../features/news/NewsPage').then((m) => m.NewsAdminPage);
const newsFeed: PageLoader = () => import('../features/news/NewsPage').then((m) => m.NewsFeedPage);
const articlesFeed: PageLoader = () =>
  import('../features/articles/ArticlesPage').then((m) => m.ArticlesPage);
const articlesAdmin: PageLoader = () =>
  import('../features/articles/ArticlesPage').then((m) => m.ArticlesAdminPage);
const articleEditor: PageLoader = () =>
  import('../features/articles/ArticleEditorPage').then((m) => m.ArticleEditorPage);

// Pages of the navigation that exist; the others say "coming soon".
const BUILT: Partial<Record<PageId, Pick<RouteObject, 'lazy' | 'element'>>> = {
  home: lazyPage(() => import('../features/home/AppHomePage').then((m) => m.AppHomePage)),
  employees: lazyPage(() => import('../features/employees/EmployeesPage').then((m) => m.EmployeesPage)),
  admins: lazyPage(() => import('../features/admins/AdminsPage').then((m) => m.AdminsPage)),
  company: lazyPage(() =>
    import('../features/companies/CompanySettingsPage').then((m) => m.CompanySettingsPage),
  ),
  companies: lazyPage(() => import('../features/companies/CompaniesPage').then((m) => m.CompaniesPage)),
  notifications: lazyPage(() =>
    import('../features/notifications/NotificationsPage').then((m) => m.NotificationsPage),
  ),
  audit: lazyPage(() => import('../features/audit/AuditLogPage').then((m) => m.AuditLogPage)),
  analytics: lazyPage(() => import('../features/analytics/AnalyticsPage').then((m) => m.AnalyticsPage)),
  emailQueue: lazyPage(() => import('../features/analytics/EmailQueuePage').then((m) => m.EmailQueuePage)),
  availability: lazyPage(() =>
    import('../features/availability/AvailabilityPage').then((m) => m.AvailabilityPage),
  ),
  practitioners: {
    element: (
      <RolePage
        pages={{ EMPLOYEE: directory, ADMIN_HUNTZEN: adminPractitioners, SUPER_ADMIN: adminPractitioners }}
      />
    ),
  },
  profile: { element: <RolePage pages={{ EMPLOYEE: employeeProfile, PRACTITIONER: practitionerProfile }} /> },
  reviews: lazyPage(() =>
    import('../features/reviews/ReviewModerationPage').then((m) => m.ReviewModerationPage),
  ),
  myReviews: lazyPage(() => import('../features/reviews/MyReviewsPage').then((m) => m.MyReviewsPage)),
  billing: {
    element: (
      <RolePage
        pages={{ ADMIN_HUNTZEN: adminBilling, SUPER_ADMIN: adminBilling, ADMIN_RH: companyBilling }}
      />
    ),
  },
  consultations: lazyPage(() =>
    import('../features/consultations/ConsultationsPage').then((m) => m.ConsultationsPage),
  ),
  agenda: lazyPage(() => import('../features/agenda/AgendaPage').then((m) => m.AgendaPage)),
  messages: lazyPage(() => import('../features/messages/MessagesPage').then((m) => m.MessagesPage)),
  journal: lazyPage(() => import('../features/journal/JournalPage').then((m) => m.JournalPage)),
  assessments: lazyPage(() =>
    import('../features/assessments/AssessmentsPage').then((m) => m.AssessmentsPage),
  ),
  insights: lazyPage(() => import('../features/insights/InsightsPage').then((m) => m.InsightsPage)),
  hrVisibility: lazyPage(() =>
    import('../features/hr-visibility/HrVisibilityPage').then((m) => m.HrVisibilityPage),
  ),
  clinicalNotes: lazyPage(() =>
    import('../features/clinical-notes/ClinicalNotesPage').then((m) => m.ClinicalNotesPage),
  ),
  news: { element: <RolePage pages={{ ADMIN_RH: newsAdmin, EMPLOYEE: newsFeed }} /> },
  articles: {
    element: (
      <RolePage
        pages={{ EMPLOYEE: articlesFeed, ADMIN_HUNTZEN: articlesAdmin, SUPER_ADMIN: articlesAdmin }}
      />
    ),
  },
};

// Pages under a page of the navigation, for the same roles (e.g. a practitioner's profile).
const CHILDREN: Partial<Record<PageId, RouteObject[]>> = {
  practitioners: [{ path: ':id', element: <RolePage pages={{ EMPLOYEE: publicPractitionerProfile }} /> }],
  consultations: [
    {
      path: ':id',
      ...lazyPage(() =>
        import('../features/consultations/ConsultationDetailPage').then((m) => m.ConsultationDetailPage),
      ),
    },
  ],
  messages: [
    {
      path: ':consultationId',
      ...lazyPage(() => import('../features/messages/ThreadPage').then((m) => m.ThreadPage)),
    },
  ],
  assessments: [
    {
      path: 'take/:instrument',
      ...lazyPage(() =>
        import('../features/assessments/TakeAssessmentPage').then((m) => m.TakeAssessmentPage),
      ),
    },
  ],
  articles: [
    {
      path: 'new',
      element: <RolePage pages={{ ADMIN_HUNTZEN: articleEditor, SUPER_ADMIN: articleEditor }} />,
    },
    {
      path: ':id/edit',
      element: <RolePage pages={{ ADMIN_HUNTZEN: articleEditor, SUPER_ADMIN: articleEditor }} />,
    },
    {
      path: ':slug',
      ...lazyPage(() => import('../features/articles/ArticleReaderPage').then((m) => m.ArticleReaderPage)),
    },
  ],
  news: [
    {
      path: ':id',
      ...lazyPage(() => import('../features/news/NewsDetailPage').then((m) => m.NewsDetailPage)),
    },
  ],
};

function appRoutes(): RouteObject[] {
  return (Object.keys(APP_PAGES) as PageId[]).map((id) => {
    const page = APP_PAGES[id];
    const child: RouteObject = BUILT[id]
      ? { index: true, ...BUILT[id] }
      : { index: true, element: <ComingSoonPage title={page.title} /> };
    const route: RouteObject = {
      element: <RequireRole roles={page.roles} />,
      children: [child, ...(CHILDREN[id] ?? [])],
    };
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
    path: 'verify-domain',
    ...lazyPage(() => import('../features/companies/VerifyDomainPage').then((m) => m.VerifyDomainPage)),
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
  {
    path: 'app',
    children: [
      ...appRoutes(),
      // One company, from the companies list (HuntZen's admins).
      {
        path: 'companies/:id',
        element: <RequireRole roles={APP_PAGES.companies.roles} />,
        children: [
          {
            index: true,
            ...lazyPage(() =>
              import('../features/companies/CompanyDetailPage').then((m) => m.CompanyDetailPage),
            ),
          },
        ],
      },
      // A patient's file: the practitioner's notes about one employee across consultations.
      {
        path: 'patients/:employeeId',
        element: <RequireRole roles={['PRACTITIONER']} />,
        children: [
          {
            index: true,
            ...lazyPage(() =>
              import('../features/clinical-notes/PatientFilePage').then((m) => m.PatientFilePage),
            ),
          },
        ],
      },
      // A consultation's video room, for its two participants (the API refuses anyone else).
      {
        path: 'consultations/:id/room',
        element: <RequireRole roles={['EMPLOYEE', 'PRACTITIONER']} />,
        children: [
          {
            index: true,
            ...lazyPage(() => import('../features/video-room/RoomPage').then((m) => m.RoomPage)),
          },
        ],
      },
      // The employee's first steps, where the route guard sends them (not in the navigation).
      {
        path: 'welcome',
        element: <RequireRole roles={['EMPLOYEE']} />,
        children: [
          {
            index: true,
            ...lazyPage(() => import('../features/onboarding/OnboardingPage').then((m) => m.OnboardingPage)),
          },
        ],
      },
      {
        path: 'consent',
        element: <RequireRole roles={['EMPLOYEE']} />,
        children: [
          {
            index: true,
            ...lazyPage(() => import('../features/onboarding/ConsentPage').then((m) => m.ConsentPage)),
          },
        ],
      },
      { path: '*', element: <NotFoundPage home="/app" /> },
    ],
  },
  {
    path: 'account/security',
    ...lazyPage(() => import('../features/security/AccountSecurityPage').then((m) => m.AccountSecurityPage)),
  },
  // GDPR rights, for every role: export, erasure (and the e-mailed confirmation link).
  {
    path: 'account/data',
    ...lazyPage(() => import('../features/privacy/MyDataPage').then((m) => m.MyDataPage)),
  },
  {
    path: 'account/data/erase',
    ...lazyPage(() => import('../features/privacy/ConfirmErasurePage').then((m) => m.ConfirmErasurePage)),
  },
];

/** The application's routes. */
export const routes: RouteObject[] = [
  {
    element: <RootLayout />,
    errorElement: <ErrorPage />,
    // While the first page's code loads (pages are split): a spinner, not a blank page.
    hydrateFallbackElement: <Loading />,
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
