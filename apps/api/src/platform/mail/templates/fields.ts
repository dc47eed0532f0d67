// Data fields shared by several templates.
import { z } from 'zod';
import { httpUrl } from '../html';

/** The recipient's first name for the greeting; empty or null (unknown) greets without a name. */
export const firstName = z
  .string()
  .trim()
  .max(100)
  .nullish()
  .transform((name) => name || undefined);
/** A company's display name. */
export const companyName = z.string().trim().min(1).max(120);
/** A link of the e-mail (absolute http(s) URL; it may carry a single-use token). */
export const link = httpUrl;
