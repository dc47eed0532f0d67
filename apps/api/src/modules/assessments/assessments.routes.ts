// /api/v1/assessments: validated questionnaires (PHQ-9, GAD-7, WHO-5). The employee takes them,
// reads their history, shares a result with one of their practitioners (or stops), and sets the
// crisis alert and the reminders; a practitioner reads what their patient shared with them. HR and
// HuntZen's admins: no route, no row.
import {
  AssessmentListSchema,
  AssessmentPractitionerListSchema,
  AssessmentSchema,
  AssessmentSettingsSchema,
  CreateAssessmentSchema,
  InstrumentSchema,
  ShareAssessmentSchema,
  UpdateAssessmentSettingsSchema,
} from '@huntzen/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemResponse } from '../../platform/errors';
import { PageQuerySchema } from '../../platform/pagination';
import { ASSESSMENT_ROLES, SHARED_READER_ROLES } from './assessments.policy';
import type { AssessmentsService } from './assessments.service';

const Id = z.object({ id: z.uuid() });
const config = { access: ASSESSMENT_ROLES };
const tags = ['assessments'];
const security = [{ bearer: [] }];
const notYours = problemResponse('No such result of yours');
const consent = problemResponse('The current consent is not accepted (CONSENT_REQUIRED)');

/** The questionnaire routes. */
export function assessmentsRoutes(service: AssessmentsService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/',
      {
        config,
        schema: {
          tags,
          security,
          summary: 'My questionnaire results, newest first',
          querystring: PageQuerySchema.extend({ instrument: InstrumentSchema.optional() }),
          response: { 200: AssessmentListSchema },
        },
      },
      async (request) => service.list(request.user!, request.query),
    );
    app.post(
      '/',
      {
        config,
        schema: {
          tags,
          security,
          summary: 'Answer a questionnaire (PHQ-9, GAD-7 or WHO-5); scored by its published rules',
          description:
            'PHQ-9 and GAD-7: items 0–3, severity bands; WHO-5: items 0–5, score = raw × 4, `lowWellbeing` when ' +
            'raw < 13 or any item ≤ 1. PHQ-9 item 9 above 0 → `crisis: true` (and, if I agreed, an urgent ' +
            'notification without any score to my practitioners). A wrong length or an answer out of range → ' +
            '400 naming the item (`body.answers.8`). Encrypted at rest.',
          body: CreateAssessmentSchema,
          response: { 201: AssessmentSchema, 403: consent },
        },
      },
      async (request, reply) => reply.code(201).send(await service.create(request.user!, request.body)),
    );
    app.get(
      '/settings',
      {
        config,
        schema: {
          tags,
          security,
          summary: 'My questionnaire settings (crisis alert, reminders)',
          response: { 200: AssessmentSettingsSchema },
        },
      },
      async (request) => service.settings(request.user!),
    );
    app.put(
      '/settings',
      {
        config,
        schema: {
          tags,
          security,
          summary: 'Change my questionnaire settings',
          description: 'A reminder every 2 or 4 weeks (null: none), optionally for one questionnaire.',
          body: UpdateAssessmentSettingsSchema,
          response: { 200: AssessmentSettingsSchema },
        },
      },
      async (request) => service.updateSettings(request.user!, request.body),
    );
    app.get(
      '/practitioners',
      {
        config,
        schema: {
          tags,
          security,
          summary: 'My practitioners: those a result may be shared with',
          response: { 200: AssessmentPractitionerListSchema },
        },
      },
      async (request) => service.practitioners(request.user!),
    );
    app.get(
      '/shared-with-me',
      {
        config: { access: SHARED_READER_ROLES },
        schema: {
          tags,
          security,
          summary: 'Results a patient shared with me (practitioner; scores and bands, never the answers)',
          description: 'Each read is audited (a count, never a score).',
          querystring: PageQuerySchema.extend({ employeeId: z.uuid() }),
          response: { 200: AssessmentListSchema, 404: problemResponse('Not a patient of mine') },
        },
      },
      async (request) => service.sharedWithMe(request.user!, request.query),
    );
    app.get(
      '/:id',
      {
        config,
        schema: {
          tags,
          security,
          summary: 'One of my results',
          params: Id,
          response: { 200: AssessmentSchema, 404: notYours },
        },
      },
      async (request) => service.get(request.user!, request.params.id),
    );
    app.post(
      '/:id/share',
      {
        config,
        schema: {
          tags,
          security,
          summary: 'Share this result with one of my practitioners (replaces an earlier share)',
          params: Id,
          body: ShareAssessmentSchema,
          response: {
            200: AssessmentSchema,
            400: problemResponse('Not one of my practitioners'),
            404: notYours,
          },
        },
      },
      async (request) => service.share(request.user!, request.params.id, request.body.practitionerId),
    );
    app.delete(
      '/:id/share',
      {
        config,
        schema: {
          tags,
          security,
          summary: 'Stop sharing this result',
          params: Id,
          response: { 200: AssessmentSchema, 404: notYours },
        },
      },
      async (request) => service.unshare(request.user!, request.params.id),
    );
  };
}
