// How the pictures will look together: the cover as a banner, the avatar (round) or the logo
// (square, whole) over its lower edge. Stand-ins show where nothing is chosen yet.
import { Avatar, Box, Image, Loader, Paper } from '@mantine/core';

// Initials colours whose light variant (shade 9 on shade 1) reads at AA; Mantine's full list has
// yellow, orange, lime and green, which do not.
const INITIALS_COLORS = ['blue', 'cyan', 'grape', 'indigo', 'pink', 'red', 'violet'];

interface Props {
  coverUrl: string | null;
  coverAlt: string;
  pictureUrl: string | null;
  pictureAlt: string;
  shape: 'round' | 'square';
  /** Shown in the picture's place when there is none (initials). */
  fallback: string;
  /** A picture or cover is being uploaded. */
  busy?: boolean;
}

/** The cover banner with the avatar or logo over it. */
export function PicturePreview({ coverUrl, coverAlt, pictureUrl, pictureAlt, shape, fallback, busy }: Props) {
  return (
    <Box pos="relative" pb={48}>
      {coverUrl ? (
        <Image src={coverUrl} alt={coverAlt} h={160} radius="md" fit="cover" />
      ) : (
        <Box
          h={160}
          style={{
            borderRadius: 'var(--mantine-radius-md)',
            background:
              'linear-gradient(135deg, var(--mantine-primary-color-light), var(--mantine-primary-color-light-hover))',
          }}
        />
      )}
      <Box pos="absolute" left={24} bottom={0}>
        {shape === 'round' ? (
          <Avatar
            src={pictureUrl}
            alt={pictureUrl ? pictureAlt : undefined}
            size={96}
            radius={96}
            color="initials"
            allowedInitialsColors={INITIALS_COLORS}
            name={fallback}
            style={{ border: '4px solid var(--mantine-color-body)' }}
          />
        ) : (
          <Paper withBorder shadow="xs" p={6} w={112} h={96} radius="md">
            {pictureUrl ? (
              <Image src={pictureUrl} alt={pictureAlt} h="100%" w="100%" fit="contain" />
            ) : (
              <Avatar
                size="100%"
                radius="sm"
                name={fallback}
                color="initials"
                allowedInitialsColors={INITIALS_COLORS}
              />
            )}
          </Paper>
        )}
      </Box>
      {busy ? <Loader size="sm" pos="absolute" top={12} right={12} aria-hidden /> : null}
    </Box>
  );
}
