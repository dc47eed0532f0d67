// The HTTP application: platform plugins first (validation, security headers, errors, access
// guard, documentation), then the feature modules. It owns no connection: the caller opens the
// database (and jobs) and closes them after `app.close()`.

import type { IncomingMessage, ServerResponse } from 'node:http';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { HUNTZEN_ADMINS } from '@huntzen/contracts';
import type { Database } from '@huntzen/db';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type RawServerDefault } from 'fastify';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Logger } from 'pino';
import { type Config, resolveSecrets, type Secrets } from './config';
import { adminsModule } from './modules/admins';
import { analyticsModule, emailQueueModule } from './modules/analytics';
import { articlePagesModule, articlesModule } from './modules/articles';
import { assessmentsModule } from './modules/assessments';
import { auditModule } from './modules/audit';
import { authModule } from './modules/auth';
import { availabilityModule, slotsModule } from './modules/availability';
import { billingModule } from './modules/billing';
import { calendarFeedModule } from './modules/calendar-feed';
import { clinicalNotesModule } from './modules/clinical-notes';
import { companiesModule } from './modules/companies';
import { consultationsModule } from './modules/consultations';
import { devMailModule } from './modules/dev-mail';
import { directoryModule } from './modules/directory';
import { employeeProfileModule } from './modules/employee-profile';
import { employeesModule } from './modules/employees';
import { filesModule } from './modules/files';
import { healthModule, PROBE_PATHS } from './modules/health';
import { hrSharingModule, insightsModule } from './modules/insights';
import { journalModule } from './modules/journal';
import { messagesModule } from './modules/messages';
import { newsModule } from './modules/news';
import { notificationsModule } from './modules/notifications';
import { onboardingModule } from './modules/onboarding';
import { myPractitionerApplicationModule, practitionerReviewModule } from './modules/practitioners';
import { privacyModule } from './modules/privacy';
import { profileMediaModule } from './modules/profile-media';
import { announceOpenings, waitlistModule } from './modules/waitlist';
import './modules/reminders'; // defines the reminder job (planned by booking)
import { reviewsModule } from './modules/reviews';
import { signupModule } from './modules/signup';
import { videoModule } from './modules/video';
import { installAccessGuard } from './platform/auth';
import { installCrypto } from './platform/crypto';
import { installDatabase } from './platform/db';
import { AppError, handleFrameworkError, installErrorHandling } from './platform/errors';
import { installSecurityHeaders, type SecurityHeadersOptions } from './platform/http/security-headers';
import type { JobsRunner } from './platform/jobs';
import { AccessLog, createLogger, REQUEST_ID_HEADER, requestContext, requestIdOf } from './platform/logging';
import { createMetrics, installMetrics, type Metrics } from './platform/metrics';
import { isProbe } from './platform/probes';
import { installRealtime } from './platform/realtime';
import { createSerializerCompiler } from './platform/serialization';
import { installTenancy } from './platform/tenancy';
import { validatorCompiler } from './platform/validation';
import { webApp } from './platform/web';

/** The application instance, typed for Zod route schemas. */
export type App = FastifyInstance<
  RawServerDefault,
  IncomingMessage,
  ServerResponse<IncomingMessage>,
  FastifyBaseLogger,
  ZodTypeProvider
>;

declare module 'fastify' {
  interface FastifyInstance {
    config: Config;
    secrets: Secrets;
    /** The jobs runner of this process, or null when it runs none (role `web`). */
    jobs: JobsRunner | null;
    /** Prometheus metrics of this process (platform/metrics). */
    metrics: Metrics;
  }
}

export interface AppOptions {
  config: Config;
  db: Database;
  /** Defaults to `resolveSecrets(config)`. */
  secrets?: Secrets;
  jobs?: JobsRunner;
  /** Defaults to a logger built from `config`. */
  logger?: Logger;
  /** The process's metrics (shared with its jobs runner); defaults to a registry of this app's own. */
  metrics?: Metrics;
}

/** Where the API documentation lives; the OpenAPI document is at `${DOCS_PREFIX}/json`. */
export const DOCS_PREFIX = '/api/docs';
/** Who reads the documentation when API_DOCS=admins. */
const DOCS_READERS = HUNTZEN_ADMINS;

function helmetOptions(config: Config): SecurityHeadersOptions {
  const https = config.publicUrl.startsWith('https://');
  const jitsi = `https://${config.jitsi.domain}`;
  return {
    // Helmet's default policy: scripts, styles, fonts and images from our own origin only
    // (Swagger UI and the web page load no inline script). Over plain HTTP (development, a LAN
    // address) `upgrade-insecure-requests` would send the browser to an https:// that is not there.
    // Private documents (diplomas) are fetched with the bearer token and shown from blob: URLs
    // the page itself creates: a PDF in a frame, an image inline.
    // The video room loads Jitsi's external_api.js from the configured Jitsi server, which then
    // embeds the meeting in a frame from that server: that one origin (JITSI_DOMAIN, from the
    // configuration, never from a request) is allowed for scripts and frames, nothing else.
    contentSecurityPolicy: {
      directives: {
        scriptSrc: ["'self'", jitsi],
        frameSrc: ["'self'", 'blob:', jitsi],
        imgSrc: ["'self'", 'data:', 'blob:'],
        ...(https ? {} : { upgradeInsecureRequests: null }),
      },
    },
    hsts: https ? { maxAge: 180 * 24 * 3600, includeSubDomains: true } : false,
  };
}

/** Builds the application; routes may still be added until `ready()`/`listen()`. */
export async function buildApp(options: AppOptions): Promise<App> {
  const { config, db } = options;
  const app: App = Fastify({
    // Typed as Fastify's base logger so plugins and routes see one logger type.
    loggerInstance: (options.logger ?? createLogger(config)) as FastifyBaseLogger,
    // The id is taken from the header by `requestIdOf`, which checks it first.
    requestIdHeader: false,
    genReqId: requestIdOf,
    frameworkErrors: handleFrameworkError,
    trustProxy: config.trustProxy,
    // One line per request, none for the probes (their failures are logged by the error handler).
    logController: new AccessLog((request) => PROBE_PATHS.has(request.url ?? '')),
  }).withTypeProvider<ZodTypeProvider>();

  // Zod schemas, after one check of every string of every request (platform/validation.ts).
  app.setValidatorCompiler(validatorCompiler);
  // Answers: the Zod response schemas compiled into serializers (platform/serialization.ts).
  app.setSerializerCompiler(
    createSerializerCompiler({ checkResponses: config.checkResponses, log: app.log }),
  );
  app.decorate('config', config);
  app.decorate('secrets', options.secrets ?? resolveSecrets(config));
  app.decorate('jobs', options.jobs ?? null);
  installDatabase(app, db);
  installCrypto(app, app.secrets.encryptionKey, app.secrets.previousEncryptionKeys);
  installTenancy(app, db);
  installErrorHandling(app);
  // Request timings and problem codes for every route; GET /metrics when METRICS_TOKEN is set.
  app.decorate('metrics', options.metrics ?? createMetrics({ db, role: config.role, defaultMetrics: false }));
  installMetrics(app, app.metrics, { token: config.metricsToken });
  // Before any route: the guard must see every route registered from here on.
  // API_DOCS: the documentation is public, for HuntZen's admins (bearer token), or not served.
  installAccessGuard(app, {
    ...(config.apiDocs === 'public'
      ? { publicPrefixes: [DOCS_PREFIX] }
      : { prefixAccess: { [DOCS_PREFIX]: DOCS_READERS } }),
    db,
    jwtSecret: () => app.secrets.jwtSecret,
  });
  // The request id in the answer, and the rest of the request run with its id in context (jobs it
  // schedules carry it); a health probe schedules nothing (platform/probes.ts). One callback-style
  // hook on every request: no promise, no extra microtask, one step less in the hook chain.
  app.addHook('onRequest', (request, reply, done) => {
    reply.header(REQUEST_ID_HEADER, request.id);
    if (isProbe(request)) done();
    else requestContext.run({ requestId: request.id }, done);
  });
  // socket.io on the same HTTP server (/socket.io); before the modules, which push through it.
  await installRealtime(app);
  app.metrics.observeSockets(() => app.realtime.io.engine.clientsCount);

  // Helmet's headers on every route but the health probes, computed once (platform/http).
  installSecurityHeaders(app, helmetOptions(config));
  await app.register(cookie);
  // Only routes that declare `config.rateLimit` are limited (sign-in, sign-up, links, 2FA).
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) =>
      new AppError(
        'RATE_LIMITED',
        `Too many requests: try again in ${Math.ceil(context.ttl / 1000)} seconds.`,
      ),
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'HuntZen API',
        version: '1.0.0',
        description: 'Workplace mental-health platform. Errors are RFC 9457 problem+json documents.',
      },
      tags: [
        { name: 'health', description: 'Liveness and readiness probes' },
        { name: 'auth', description: 'Sign-in, sessions, two-factor authentication, email links' },
        { name: 'signup', description: 'Company registration, employee sign-up, practitioner application' },
        { name: 'admins', description: 'HuntZen administrator accounts (SUPER_ADMIN)' },
        { name: 'employees', description: 'Employees of a company' },
        { name: 'companies', description: 'Companies: validation by HuntZen, settings by HR' },
        { name: 'files', description: 'File upload, download and deletion' },
        { name: 'profile-media', description: 'Avatars, covers and company logos' },
        {
          name: 'practitioner-applications',
          description: "A practitioner's application and public profile; HuntZen's review queue",
        },
        { name: 'employee-profile', description: "The employee's own profile" },
        { name: 'onboarding', description: "The employee's onboarding and consent" },
        {
          name: 'notifications',
          description: 'My notifications; new ones are also pushed over socket.io at /socket.io',
        },
        { name: 'audit', description: 'Audit log (HuntZen admins)' },
        { name: 'directory', description: 'Practitioner directory: search and public profiles' },
        { name: 'reviews', description: 'Reviews of practitioners and their moderation' },
        { name: 'availability', description: "A practitioner's weekly schedule and exceptions; free slots" },
        { name: 'consultations', description: 'Booking and the lifecycle of consultations' },
        { name: 'video', description: "Entering and leaving a consultation's video room (Jitsi)" },
        { name: 'billing', description: 'Validation, billing and disputes of consultations' },
        {
          name: 'messages',
          description: "A consultation's encrypted chat; new messages are also pushed over socket.io",
        },
        {
          name: 'clinical-notes',
          description: "A practitioner's clinical notes: templates, signature, addenda, patient file",
        },
        { name: 'journal', description: "The employee's private mood journal (employee only, encrypted)" },
        { name: 'articles', description: 'Articles: written by HuntZen’s admins, published to everyone' },
        {
          name: 'assessments',
          description:
            'PHQ-9, GAD-7, WHO-5: the employee’s own, shared with their practitioner by choice (encrypted)',
        },
        {
          name: 'calendar-feed',
          description: 'A private, revocable calendar URL of my consultations (no health content)',
        },
        { name: 'privacy', description: 'GDPR rights: export of my data, erasure of my account' },
        {
          name: 'waitlist',
          description:
            'Waiting for a practitioner’s freed slots (the employee’s own; told first come, first told)',
        },
        { name: 'analytics', description: "HuntZen's admin analytics per practitioner, company and month" },
        {
          name: 'insights',
          description:
            "HR's thresholded usage dashboard; an employee's sharing switch and what their HR sees",
        },
        { name: 'email-queue', description: "The e-mail queue: failures and retries (HuntZen's admins)" },
        { name: 'news', description: "A company's internal news: written by its HR, read by its employees" },
      ],
      components: {
        securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      },
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  if (config.apiDocs !== 'off') await app.register(swaggerUi, { routePrefix: DOCS_PREFIX });

  // In a context of their own: a probe skips the per-request work it does not need (platform/probes.ts).
  await app.register(healthModule(db));
  await app.register(authModule(app), { prefix: '/api/v1/auth' });
  await app.register(signupModule(app), { prefix: '/api/v1/signup' });
  await app.register(adminsModule(app), { prefix: '/api/v1/admins' });
  await app.register(employeesModule(app), { prefix: '/api/v1/employees' });
  await app.register(companiesModule(app), { prefix: '/api/v1' });
  await app.register(filesModule(app), { prefix: '/api/v1/files' });
  await app.register(profileMediaModule(app), { prefix: '/api/v1/me' });
  await app.register(myPractitionerApplicationModule(app), { prefix: '/api/v1/me/practitioner' });
  await app.register(practitionerReviewModule(app), { prefix: '/api/v1/practitioner-applications' });
  await app.register(employeeProfileModule(app), { prefix: '/api/v1/me' });
  await app.register(onboardingModule(app), { prefix: '/api/v1/me' });
  await app.register(notificationsModule(app), { prefix: '/api/v1/notifications' });
  await app.register(auditModule(app), { prefix: '/api/v1/audit-logs' });
  await app.register(directoryModule(app), { prefix: '/api/v1/practitioners' });
  await app.register(availabilityModule(app, { onOpenings: announceOpenings }), {
    prefix: '/api/v1/me/availability',
  });
  await app.register(slotsModule(app), { prefix: '/api/v1/practitioners' });
  await app.register(reviewsModule(app), { prefix: '/api/v1' });
  await app.register(consultationsModule(app), { prefix: '/api/v1/consultations' });
  await app.register(videoModule(app), { prefix: '/api/v1/consultations' });
  await app.register(billingModule(app), { prefix: '/api/v1/billing' });
  await app.register(messagesModule(app), { prefix: '/api/v1' });
  await app.register(clinicalNotesModule(app), { prefix: '/api/v1' });
  await app.register(journalModule(app), { prefix: '/api/v1/journal-entries' });
  await app.register(waitlistModule(app), { prefix: '/api/v1/waitlist' });
  await app.register(assessmentsModule(app), { prefix: '/api/v1/assessments' });
  const calendarFeed = calendarFeedModule(app);
  await app.register(calendarFeed.routes, { prefix: '/api/v1/me/calendar-feed' });
  await app.register(calendarFeed.file);
  await app.register(privacyModule(app), { prefix: '/api/v1/me' });
  await app.register(analyticsModule(app), { prefix: '/api/v1/insights' });
  await app.register(insightsModule(app), { prefix: '/api/v1/insights' });
  await app.register(hrSharingModule(app), { prefix: '/api/v1/me' });
  await app.register(emailQueueModule(app), { prefix: '/api/v1/email-queue' });
  await app.register(newsModule(app), { prefix: '/api/v1/news' });
  await app.register(articlesModule(app), { prefix: '/api/v1/articles' });
  // Public pages rendered on the server (/articles, /sitemap.xml, /robots.txt), before the web app's fallback.
  await app.register(articlePagesModule(app));
  await app.register(devMailModule(config));
  await app.register(webApp(config.webDistDir));
  return app;
}
