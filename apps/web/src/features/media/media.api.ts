// Profile pictures (GET/PUT/DELETE /me/media/…) and company branding (/me/company/media/…). A
// picture is saved in two calls: the upload (POST /files), then choosing it (PUT …/{slot}).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../lib/api';
import { useAuth } from '../auth/auth-context';
import { uploadFile } from './upload';

export interface ProfileMedia {
  avatarUrl: string | null;
  coverUrl: string | null;
}

export interface CompanyMedia {
  logoUrl: string | null;
  coverUrl: string | null;
}

interface Areas {
  profile: { media: ProfileMedia; slot: 'avatar' | 'cover' };
  company: { media: CompanyMedia; slot: 'logo' | 'cover' };
}
export type MediaArea = keyof Areas;
export type MediaSlot<A extends MediaArea> = Areas[A]['slot'];

const PATH: Record<MediaArea, string> = { profile: '/me/media', company: '/me/company/media' };
const key = (area: MediaArea) => ['media', area] as const;

/** The pictures of the signed-in user's profile or company. */
export function useMedia<A extends MediaArea>(area: A) {
  return useQuery({
    queryKey: key(area),
    queryFn: ({ signal }) => apiRequest<Areas[A]['media']>(PATH[area], { signal }),
  });
}

/** Uploading and choosing (or removing) one picture; the cache and the header follow. */
export function usePictureSlot<A extends MediaArea>(area: A, slot: MediaSlot<A>) {
  const queryClient = useQueryClient();
  const { reloadUser } = useAuth();
  const path = `${PATH[area]}/${slot}`;
  const saved = async (media: Areas[A]['media']) => {
    queryClient.setQueryData(key(area), media);
    // The header shows the company logo from the session's profile.
    if (area === 'company') await reloadUser();
  };
  const choose = useMutation({
    mutationFn: async (file: File) => {
      const uploaded = await uploadFile(file, slot === 'cover' ? 'COVER' : 'AVATAR');
      return apiRequest<Areas[A]['media']>(path, { method: 'PUT', body: { fileId: uploaded.id } });
    },
    onSuccess: saved,
  });
  const remove = useMutation({
    mutationFn: () => apiRequest<Areas[A]['media']>(path, { method: 'DELETE' }),
    onSuccess: saved,
  });
  return { choose, remove };
}
