// The five moods as the journal shows them: an emoji beside the translated label. Emoji of Unicode
// 6.0's emoticons block: fonts without the newer ones (🙂, 🙁) still draw these.
import type { JournalMood } from '@huntzen/contracts';

export const MOOD_EMOJI: Readonly<Record<JournalMood, string>> = {
  VERY_BAD: '😣',
  BAD: '😞',
  NEUTRAL: '😐',
  GOOD: '😊',
  VERY_GOOD: '😄',
};

/** Mantine colour of each mood's badge. */
export const MOOD_COLOR: Readonly<Record<JournalMood, string>> = {
  VERY_BAD: 'red',
  BAD: 'orange',
  NEUTRAL: 'gray',
  GOOD: 'teal',
  VERY_GOOD: 'green',
};
