// /api/v1/consultations/{id}/join and /leave: a participant enters or leaves the video room.
import { JoinRoomResponseSchema, ROOM_WINDOW } from '@huntzen/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemResponse } from '../../platform/errors';
import type { VideoService } from './video.service';

const tags = ['video'];
const security = [{ bearer: [] }];
const IdParams = z.object({ id: z.uuid() });
const notFound = problemResponse('No such consultation among yours');

/** The video routes (registered under /api/v1/consultations). */
export function videoRoutes(service: VideoService): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/:id/join',
      {
        // The two participants; HR and HuntZen's admins never enter a session.
        config: { access: ['EMPLOYEE', 'PRACTITIONER'] },
        schema: {
          tags,
          security,
          summary: `Enter the video room (from ${ROOM_WINDOW.opensMinutesBefore} min before the start until ${ROOM_WINDOW.closesMinutesAfterEnd} min after the planned end)`,
          description:
            'Returns the Jitsi domain, the room and, when Jitsi credentials are configured, a token ' +
            '(HS256) valid only while the room is open; the practitioner moderates. Records ROOM_JOINED.',
          params: IdParams,
          response: {
            200: JoinRoomResponseSchema,
            404: notFound,
            409: problemResponse(
              'CONFLICT (in person: no room), ROOM_CLOSED (over, cancelled or missed; `currentState`) or ' +
                'OUTSIDE_TIME_WINDOW (not open now; `window` says when)',
            ),
          },
        },
      },
      async (request) => service.join(request.user!, request.params.id),
    );

    app.post(
      '/:id/leave',
      {
        config: { access: ['EMPLOYEE', 'PRACTITIONER'] },
        schema: {
          tags,
          security,
          summary: 'Leave the video room (records ROOM_LEFT)',
          params: IdParams,
          response: {
            204: z.null().describe('Recorded'),
            404: notFound,
            409: problemResponse('CONFLICT: an in-person consultation has no room'),
          },
        },
      },
      async (request, reply) => {
        await service.leave(request.user!, request.params.id);
        return reply.code(204).send(null);
      },
    );
  };
}
