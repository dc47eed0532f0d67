// What a user sees of a notification, in the API and in the real-time push: the same shape in both,
// so the web app can put a pushed notification straight into its lists.
import { type Notification, type NotificationType, notificationTypeEnum } from '@huntzen/db';
import { z } from 'zod';

export type { NotificationType } from '@huntzen/db';

/** A notification as its user receives it (no e-mail bookkeeping). */
export interface NotificationView {
  id: string;
  type: NotificationType;
  title: string;
  message: string;
  linkUrl: string | null;
  linkLabel: string | null;
  metadata: Record<string, unknown> | null;
  isRead: boolean;
  readAt: string | null;
  createdAt: string;
  expiresAt: string | null;
}

/** The response schema of one notification (OpenAPI). */
export const NotificationViewSchema = z.object({
  id: z.uuid(),
  type: z.enum(notificationTypeEnum.enumValues),
  title: z.string(),
  message: z.string(),
  linkUrl: z.string().nullable(),
  linkLabel: z.string().nullable(),
  metadata: z.record(z.string(), z.unknown()).nullable(),
  isRead: z.boolean(),
  readAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
  expiresAt: z.iso.datetime().nullable(),
});

/** The row as its user sees it. */
export function toNotificationView(row: Notification): NotificationView {
  return {
    id: row.id,
    type: row.type,
    title: row.title,
    message: row.message,
    linkUrl: row.linkUrl,
    linkLabel: row.linkLabel,
    metadata: (row.metadata as Record<string, unknown> | null) ?? null,
    isRead: row.isRead,
    readAt: row.readAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt?.toISOString() ?? null,
  };
}
