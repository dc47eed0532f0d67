// Placeholder: HuntZen admins' practitioner validation queue (organizations issue, item 3).
export function PractitionerApplicationsPage() {
  return null;
}
