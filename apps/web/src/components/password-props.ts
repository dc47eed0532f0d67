import type { TFunction } from 'i18next';

/** Props that make PasswordInput's show/hide toggle keyboard-reachable and labelled. */
export function passwordToggleProps(t: TFunction) {
  return {
    visibilityToggleFocusable: true,
    visibilityToggleButtonProps: {
      'aria-label': t('password.toggle'),
    },
  } as const;
}
