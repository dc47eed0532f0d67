// /api/v1/auth: sign-in, 2FA, sessions, password, email links. Thin: schema, access, one call.
import {
  ChangePasswordRequestSchema,
  HUNTZEN_ADMINS,
  LoginRequestSchema,
  LoginResponseSchema,
  MeSchema,
  PasswordResetConfirmSchema,
  PasswordResetRequestSchema,
  RecoveryCodesResponseSchema,
  RefreshRequestSchema,
  ResendVerificationRequestSchema,
  SESSION_HINT_COOKIE,
  SessionSchema,
  TwoFactorConfirmRequestSchema,
  TwoFactorConfirmResponseSchema,
  TwoFactorDisableRequestSchema,
  TwoFactorLoginRequestSchema,
  TwoFactorSetupResponseSchema,
  UpdateDisplayNameRequestSchema,
  VerifyEmailRequestSchema,
  VerifyEmailResponseSchema,
} from '@huntzen/contracts';
import '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requestContext } from '../../platform/auth';
import { AppError, problemResponse } from '../../platform/errors';
import type { createAccountLinksService } from './account-links.service';
import type { AuthService } from './auth.service';
import type { IssuedSession } from './sessions';
import type { createTwoFactorService } from './two-factor.service';

export const REFRESH_COOKIE = 'hz_refresh';
const COOKIE_PATH = '/api/v1/auth';

export interface AuthRouteDeps {
  auth: AuthService;
  twoFactor: ReturnType<typeof createTwoFactorService>;
  links: ReturnType<typeof createAccountLinksService>;
  secureCookies: boolean;
}

const minute = (max: number) => ({ rateLimit: { max, timeWindow: '1 minute' } });
const NoContent = { 204: z.null().describe('Done') };
const Accepted = { 202: z.null().describe('Accepted: an email is sent when the account exists') };

/** The auth routes. */
export function authRoutes(deps: AuthRouteDeps): FastifyPluginAsyncZod {
  return async (app) => {
    // The refresh token, for /api/v1/auth only and out of the page's reach; beside it the page's
    // hint that there is a session to refresh (SESSION_HINT_COOKIE), set and cleared together.
    const refreshCookie = {
      path: COOKIE_PATH,
      httpOnly: true,
      sameSite: 'strict',
      secure: deps.secureCookies,
    } as const;
    const hintCookie = {
      path: '/',
      httpOnly: false,
      sameSite: 'strict',
      secure: deps.secureCookies,
    } as const;
    const setRefreshCookie = (reply: FastifyReply, issued: IssuedSession) =>
      reply
        .setCookie(REFRESH_COOKIE, issued.refreshToken, {
          ...refreshCookie,
          expires: issued.refreshExpiresAt,
        })
        .setCookie(SESSION_HINT_COOKIE, '1', { ...hintCookie, expires: issued.refreshExpiresAt });
    const clearRefreshCookie = (reply: FastifyReply) =>
      reply.clearCookie(REFRESH_COOKIE, refreshCookie).clearCookie(SESSION_HINT_COOKIE, hintCookie);
    /** The session for the client: cookie for the web app, body for API clients that asked. */
    const deliver = (reply: FastifyReply, issued: IssuedSession, delivery: 'cookie' | 'body') => {
      setRefreshCookie(reply, issued);
      return delivery === 'body' ? { ...issued.session, refreshToken: issued.refreshToken } : issued.session;
    };
    const ctx = (request: FastifyRequest) => requestContext(request);
    const tags = ['auth'];

    // An empty JSON body is no body: refresh and logout then take the token from the cookie
    // (clients send `content-type: application/json` with nothing, or `{}`). Only in this plugin.
    const parseJson = app.getDefaultJsonParser('error', 'error');
    app.removeContentTypeParser('application/json');
    app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
      const text = body.toString();
      if (text.trim() === '') return done(null, undefined);
      parseJson(request, text, done);
    });

    app.post(
      '/login',
      {
        config: { access: 'public', ...minute(20) },
        schema: {
          tags,
          summary: 'Sign in with email and password',
          body: LoginRequestSchema,
          response: {
            200: LoginResponseSchema,
            401: problemResponse('Wrong email or password'),
            423: problemResponse('Locked'),
          },
        },
      },
      async (request, reply) => {
        const result = await deps.auth.login(request.body, ctx(request));
        if (result.challenge)
          return { status: 'TWO_FACTOR_REQUIRED' as const, challengeToken: result.challenge };
        return deliver(reply, result.issued!, request.body.tokenDelivery);
      },
    );

    app.post(
      '/2fa/verify',
      {
        config: { access: 'public', ...minute(10) },
        schema: {
          tags,
          summary: 'Second sign-in step: TOTP or recovery code',
          body: TwoFactorLoginRequestSchema,
          response: { 200: SessionSchema },
        },
      },
      async (request, reply) =>
        deliver(
          reply,
          await deps.auth.verifySecondFactor(request.body, ctx(request)),
          request.body.tokenDelivery,
        ),
    );

    app.post(
      '/refresh',
      {
        config: { access: 'public', ...minute(60) },
        schema: {
          tags,
          summary: 'Exchange the refresh token (cookie or body) for a new session',
          body: RefreshRequestSchema.nullish(),
          response: { 200: SessionSchema },
        },
      },
      async (request, reply) => {
        const token = request.body?.refreshToken ?? request.cookies[REFRESH_COOKIE];
        if (!token) throw new AppError('UNAUTHENTICATED', 'No session: sign in.');
        try {
          return deliver(
            reply,
            await deps.auth.refresh(token, ctx(request)),
            request.body?.tokenDelivery ?? 'cookie',
          );
        } catch (error) {
          clearRefreshCookie(reply);
          throw error;
        }
      },
    );

    app.post(
      '/logout',
      {
        config: { access: 'public' },
        schema: {
          tags,
          summary: 'End the current session',
          body: RefreshRequestSchema.nullish(),
          response: NoContent,
        },
      },
      async (request, reply) => {
        const token = request.body?.refreshToken ?? request.cookies[REFRESH_COOKIE];
        await deps.auth.logout(null, token, ctx(request));
        clearRefreshCookie(reply);
        return reply.code(204).send(null);
      },
    );

    app.post(
      '/logout-all',
      {
        config: { access: 'authenticated', allowDuringEnrollment: true },
        schema: { tags, summary: 'End every session of the account', response: NoContent },
      },
      async (request, reply) => {
        await deps.auth.logoutEverywhere(request.user!);
        clearRefreshCookie(reply);
        return reply.code(204).send(null);
      },
    );

    app.get(
      '/me',
      {
        config: { access: 'authenticated', allowDuringEnrollment: true },
        schema: { tags, summary: 'The signed-in account', response: { 200: MeSchema } },
      },
      async (request) => deps.auth.me(request.user!),
    );

    app.patch(
      '/me/display-name',
      {
        config: { access: ['ADMIN_RH', ...HUNTZEN_ADMINS], ...minute(10) },
        schema: {
          tags,
          summary: 'Change the name HuntZen greets you by (HR and HuntZen admins)',
          body: UpdateDisplayNameRequestSchema,
          response: { 200: MeSchema, 400: problemResponse('Invalid name') },
        },
      },
      async (request) => deps.auth.updateDisplayName(request.user!, request.body.displayName),
    );

    app.post(
      '/password',
      {
        config: { access: 'authenticated', ...minute(10) },
        schema: {
          tags,
          summary: 'Change the password (ends the other sessions)',
          body: ChangePasswordRequestSchema,
          response: NoContent,
        },
      },
      async (request, reply) => {
        await deps.auth.changePassword(request.user!, request.body);
        return reply.code(204).send(null);
      },
    );

    app.post(
      '/password-reset',
      {
        config: { access: 'public', ...minute(5) },
        schema: {
          tags,
          summary: 'Email a password reset link',
          body: PasswordResetRequestSchema,
          response: Accepted,
        },
      },
      async (request, reply) => {
        await deps.links.requestPasswordReset(request.body.email, ctx(request));
        return reply.code(202).send(null);
      },
    );

    app.post(
      '/password-reset/confirm',
      {
        config: { access: 'public', ...minute(10) },
        schema: {
          tags,
          summary: 'Set a new password from a link',
          body: PasswordResetConfirmSchema,
          response: NoContent,
        },
      },
      async (request, reply) => {
        await deps.links.resetPassword(request.body, ctx(request));
        return reply.code(204).send(null);
      },
    );

    app.post(
      '/verify-email',
      {
        config: { access: 'public', ...minute(10) },
        schema: {
          tags,
          summary: 'Confirm an email address from a link',
          body: VerifyEmailRequestSchema,
          response: { 200: VerifyEmailResponseSchema },
        },
      },
      async (request) => ({ status: await deps.links.verifyEmail(request.body.token, ctx(request)) }),
    );

    app.post(
      '/verify-email/resend',
      {
        config: { access: 'public', ...minute(5) },
        schema: {
          tags,
          summary: 'Send a new verification link',
          body: ResendVerificationRequestSchema,
          response: Accepted,
        },
      },
      async (request, reply) => {
        await deps.links.resendVerification(request.body.email, ctx(request));
        return reply.code(202).send(null);
      },
    );

    const enrol = { access: 'authenticated', allowDuringEnrollment: true, ...minute(10) } as const;
    app.post(
      '/2fa/setup',
      {
        config: enrol,
        schema: {
          tags,
          summary: 'Start 2FA enrolment: secret and QR code',
          response: { 200: TwoFactorSetupResponseSchema },
        },
      },
      async (request) => deps.twoFactor.setup(request.user!),
    );

    app.post(
      '/2fa/confirm',
      {
        config: enrol,
        schema: {
          tags,
          summary: 'Confirm enrolment with a first code',
          body: TwoFactorConfirmRequestSchema,
          response: { 200: TwoFactorConfirmResponseSchema },
        },
      },
      async (request, reply) => {
        const { recoveryCodes, issued } = await deps.twoFactor.confirm(request.user!, request.body.code);
        setRefreshCookie(reply, issued);
        return { recoveryCodes, session: issued.session };
      },
    );

    app.post(
      '/2fa/disable',
      {
        config: { access: 'authenticated', ...minute(10) },
        schema: {
          tags,
          summary: 'Turn 2FA off (password and code)',
          body: TwoFactorDisableRequestSchema,
          response: NoContent,
        },
      },
      async (request, reply) => {
        await deps.twoFactor.disable(request.user!, request.body);
        return reply.code(204).send(null);
      },
    );

    app.post(
      '/2fa/recovery-codes',
      {
        config: { access: 'authenticated', ...minute(10) },
        schema: {
          tags,
          summary: 'Replace the recovery codes',
          body: TwoFactorDisableRequestSchema,
          response: { 200: RecoveryCodesResponseSchema },
        },
      },
      async (request) => ({
        recoveryCodes: await deps.twoFactor.regenerateRecoveryCodes(request.user!, request.body),
      }),
    );
  };
}
