// Placeholder: the practitioner's application / public profile editor (organizations issue, item 3).
export function PractitionerProfilePage() {
  return null;
}
