// The pictures of a profile or of a company, as their cards show them: a preview of the picture
// (the profile's round avatar, the company's square logo) over the cover, then the controls of
// each. One editor for both cards (ProfileMediaCard, CompanyPicturesCard).
import { SimpleGrid, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadError, Loading } from '../../components/QueryState';
import { type MediaArea, type MediaSlot, useMedia } from './media.api';
import { PicturePreview } from './PicturePreview';
import { PictureSlotControls } from './PictureSlotControls';

/** The picture shown beside the cover in each area. */
const PICTURE = { profile: 'avatar', company: 'logo' } as const satisfies {
  [A in MediaArea]: Exclude<MediaSlot<A>, 'cover'>;
};

interface Props {
  area: MediaArea;
  /** Alternative texts of the two pictures, and the initials shown while there is no picture. */
  pictureAlt: string;
  coverAlt: string;
  fallback: string;
}

/** The preview and the controls of the area's picture and cover. */
export function PicturesEditor({ area, pictureAlt, coverAlt, fallback }: Props) {
  const { t } = useTranslation();
  const media = useMedia(area);
  const [picturePreview, setPicturePreview] = useState<string | null>(null);
  const [coverPreview, setCoverPreview] = useState<string | null>(null);
  if (media.isPending) {
    return <Loading padding="lg" />;
  }
  if (media.isError) {
    return <LoadError error={media.error} />;
  }
  const picture = PICTURE[area];
  const pictureUrl = 'logoUrl' in media.data ? media.data.logoUrl : media.data.avatarUrl;
  const slots = [
    { slot: picture, url: pictureUrl, onPreview: setPicturePreview },
    { slot: 'cover', url: media.data.coverUrl, onPreview: setCoverPreview },
  ] as const;
  return (
    <>
      <PicturePreview
        coverUrl={coverPreview ?? media.data.coverUrl}
        coverAlt={coverAlt}
        pictureUrl={picturePreview ?? pictureUrl}
        pictureAlt={pictureAlt}
        shape={picture === 'logo' ? 'square' : 'round'}
        fallback={fallback}
        busy={Boolean(picturePreview || coverPreview)}
      />
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="lg">
        {slots.map(({ slot, url, onPreview }) => (
          <Stack gap={6} key={slot}>
            <Text fw={600}>{t(`media.${slot}.label`)}</Text>
            <PictureSlotControls
              area={area}
              slot={slot}
              hasPicture={Boolean(url)}
              onPreview={onPreview}
              labels={{
                add: t(`media.${slot}.add`),
                change: t(`media.${slot}.change`),
                remove: t(`media.${slot}.remove`),
                hint: t(`media.${slot}.hint`),
              }}
            />
          </Stack>
        ))}
      </SimpleGrid>
    </>
  );
}
