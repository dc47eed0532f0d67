// Runs after the database global setup: adds Graphile Worker's schema and our job wrappers to the
// run's template database, so every cloned test database can schedule jobs (emails, reminders).
import type { TestProject } from 'vitest/node';
import { installJobsSchema } from '../src/platform/jobs';

export default async function setup(project: TestProject) {
  const { adminUrl, template } = project.getProvidedContext().testDatabase;
  const url = new URL(adminUrl);
  url.pathname = `/${template}`;
  await installJobsSchema(url.toString());
}
