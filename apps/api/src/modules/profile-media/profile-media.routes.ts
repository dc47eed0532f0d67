// /api/v1/me/media (the caller's avatar and cover) and /api/v1/me/company/media (the company's logo
// and cover). A picture is chosen in two steps: upload it (POST /api/v1/files, fileType AVATAR or
// COVER), then PUT its id here.
import type { UserRole } from '@huntzen/db';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemResponse } from '../../platform/errors';
import type { MediaSlot, MediaUrls } from './profile-media.repository';
import type { MediaTarget, ProfileMediaService } from './profile-media.service';

const Url = z.string().nullable();
const ProfileMediaSchema = z
  .object({
    avatarUrl: Url.describe('Public URL of the avatar'),
    coverUrl: Url.describe('Public URL of the cover'),
  })
  .meta({ id: 'ProfileMedia' });
const CompanyMediaSchema = z
  .object({
    logoUrl: Url.describe('Public URL of the logo'),
    coverUrl: Url.describe('Public URL of the cover'),
  })
  .meta({ id: 'CompanyMedia' });
const ChooseFileSchema = z.object({
  fileId: z.uuid().describe('An AVATAR (avatar, logo) or COVER (cover) file you uploaded'),
});

interface Area {
  target: MediaTarget;
  path: string;
  schema: typeof ProfileMediaSchema | typeof CompanyMediaSchema;
  readers: readonly UserRole[];
  writers: readonly UserRole[];
  slots: { name: string; slot: MediaSlot; what: string }[];
  present(media: MediaUrls): z.infer<typeof ProfileMediaSchema> | z.infer<typeof CompanyMediaSchema>;
}

const AREAS: Area[] = [
  {
    target: 'profile',
    path: '/media',
    schema: ProfileMediaSchema,
    readers: ['EMPLOYEE', 'PRACTITIONER'],
    writers: ['EMPLOYEE', 'PRACTITIONER'],
    slots: [
      { name: 'avatar', slot: 'picture', what: 'your avatar' },
      { name: 'cover', slot: 'cover', what: 'your cover image' },
    ],
    present: (m) => ({ avatarUrl: m.picture, coverUrl: m.cover }),
  },
  {
    target: 'company',
    path: '/company/media',
    schema: CompanyMediaSchema,
    // Employees see their company's branding; HR changes it.
    readers: ['ADMIN_RH', 'EMPLOYEE'],
    writers: ['ADMIN_RH'],
    slots: [
      { name: 'logo', slot: 'picture', what: "your company's logo" },
      { name: 'cover', slot: 'cover', what: "your company's cover image" },
    ],
    present: (m) => ({ logoUrl: m.picture, coverUrl: m.cover }),
  },
];

/** The profile and company picture routes (registered under /api/v1/me). */
export function profileMediaRoutes(service: ProfileMediaService): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['profile-media'];
    for (const area of AREAS) {
      const response = (extra: Record<number, unknown> = {}) => ({
        200: area.schema,
        404: problemResponse('No profile or company to show pictures on'),
        ...extra,
      });
      app.get(
        area.path,
        {
          config: { access: area.readers },
          schema: {
            tags,
            summary: `The pictures of ${area.target === 'profile' ? 'your profile' : 'your company'}`,
            response: response(),
          },
        },
        async (request) => area.present(await service.get(request.user!, area.target)),
      );
      for (const { name, slot, what } of area.slots) {
        app.put(
          `${area.path}/${name}`,
          {
            config: { access: area.writers },
            schema: {
              tags,
              summary: `Choose ${what}`,
              description:
                'The file must be one you uploaded in the last 24 hours (or already this picture).',
              body: ChooseFileSchema,
              response: response({
                400: problemResponse('Not a file of the right type'),
                409: problemResponse('The file is already used elsewhere'),
              }),
            },
          },
          async (request) =>
            area.present(await service.set(request.user!, area.target, slot, request.body.fileId)),
        );
        app.delete(
          `${area.path}/${name}`,
          {
            config: { access: area.writers },
            schema: { tags, summary: `Remove ${what}`, response: response() },
          },
          async (request) => area.present(await service.remove(request.user!, area.target, slot)),
        );
      }
    }
  };
}
