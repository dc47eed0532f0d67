// Reviews (registered under /api/v1): leaving one (/reviews), moderating them (/reviews,
// /reviews/:id/publish|reject), reading the published ones of a practitioner
// (/practitioners/:id/reviews), the employee's own state on a profile (/practitioners/:id/my-reviews)
// and the practitioner's own (/me/reviews).
import {
  CreateReviewRequestSchema,
  HUNTZEN_ADMINS,
  ModerationPageSchema,
  ModerationQuerySchema,
  ModerationResultSchema,
  MyPractitionerReviewsSchema,
  MyReviewStateSchema,
  OwnReviewSchema,
  PublicReviewPageSchema,
} from '@huntzen/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemResponse } from '../../platform/errors';
import { PageQuerySchema } from '../../platform/pagination';
import { DIRECTORY_READERS } from '../directory';
import type { ReviewsService } from './reviews.service';

const MODERATORS = HUNTZEN_ADMINS;
const Id = z.object({ id: z.uuid() });

/** The reviews routes. */
export function reviewsRoutes(service: ReviewsService): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['reviews'];
    app.post(
      '/reviews',
      {
        config: { access: ['EMPLOYEE'] },
        schema: {
          tags,
          summary: 'Review one of my completed consultations',
          description:
            'Once per consultation, within 30 days of its end. The review waits for moderation ' +
            'before it is shown on the profile.',
          body: CreateReviewRequestSchema,
          response: {
            201: OwnReviewSchema,
            404: problemResponse('No such consultation of yours'),
            409: problemResponse('Not completed (CONFLICT), or already reviewed (ALREADY_REVIEWED)'),
            422: problemResponse('More than 30 days after its end (REVIEW_WINDOW_CLOSED)'),
          },
        },
      },
      async (request, reply) => reply.code(201).send(await service.create(request.user!, request.body)),
    );
    app.get(
      '/reviews',
      {
        config: { access: MODERATORS },
        schema: {
          tags,
          summary: 'Moderation queue',
          description: 'Pending reviews oldest first; published and rejected ones latest decision first.',
          querystring: ModerationQuerySchema.extend(PageQuerySchema.shape),
          response: { 200: ModerationPageSchema },
        },
      },
      async (request) => service.queue(request.user!, request.query.status, request.query),
    );
    for (const [decision, summary] of [
      ['publish', 'Publish a pending (or rejected) review'],
      ['reject', 'Reject a pending review, or withdraw a published one'],
    ] as const) {
      app.post(
        `/reviews/:id/${decision}`,
        {
          config: { access: MODERATORS },
          schema: {
            tags,
            summary,
            params: Id,
            response: {
              200: ModerationResultSchema,
              404: problemResponse('No such review'),
              409: problemResponse('Not in a state this decision applies to (ILLEGAL_TRANSITION)'),
            },
          },
        },
        async (request) => service[decision](request.user!, request.params.id),
      );
    }
    app.get(
      '/practitioners/:id/reviews',
      {
        config: { access: DIRECTORY_READERS },
        schema: {
          tags,
          summary: "A practitioner's published reviews",
          description: 'Newest first; each author is shown by their initials only.',
          params: Id,
          querystring: PageQuerySchema,
          response: { 200: PublicReviewPageSchema, 404: problemResponse('Not in the directory') },
        },
      },
      async (request) => service.listPublished(request.user!, request.params.id, request.query),
    );
    app.get(
      '/practitioners/:id/my-reviews',
      {
        config: { access: ['EMPLOYEE'] },
        schema: {
          tags,
          summary: 'My consultations to review and my reviews, for one practitioner',
          params: Id,
          response: { 200: MyReviewStateSchema, 404: problemResponse('Not in the directory') },
        },
      },
      async (request) => service.myState(request.user!, request.params.id),
    );
    app.get(
      '/me/reviews',
      {
        config: { access: ['PRACTITIONER'] },
        schema: {
          tags,
          summary: 'My published reviews (practitioner)',
          querystring: PageQuerySchema,
          response: { 200: MyPractitionerReviewsSchema },
        },
      },
      async (request) => service.mine(request.user!, request.query),
    );
  };
}
