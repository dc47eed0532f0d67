// Placeholder: the employees' practitioner directory (organizations issue, item 4).
export function DirectoryPage() {
  return null;
}
