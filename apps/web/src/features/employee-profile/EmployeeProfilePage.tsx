// Placeholder: the employee's social-style profile (organizations issue, item 2).
export function EmployeeProfilePage() {
  return null;
}
