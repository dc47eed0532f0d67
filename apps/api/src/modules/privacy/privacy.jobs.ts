// Retention of the audit log: every day, rows older than AUDIT_RETENTION_DAYS (the jobs runner's
// settings, default 365) are deleted by the owner-run purge_audit_logs (migration 0022).
import { z } from 'zod';
import { defineCron, defineTask } from '../../platform/jobs';
import { purgeOldAuditLogs } from './privacy.service';

/** Default retention of audit rows, in days (CNIL guidance: 6 months to 1 year). */
export const DEFAULT_AUDIT_RETENTION_DAYS = 365;

export const purgeAuditLogsTask = defineTask(
  'privacy_purge_audit_logs',
  z.object({}),
  async (_payload, { db, logger, settings }) => {
    const days = settings?.auditRetentionDays ?? DEFAULT_AUDIT_RETENTION_DAYS;
    const count = await purgeOldAuditLogs(db, days);
    logger.info({ count, days }, 'audit rows past their retention deleted');
  },
);

defineCron('13 3 * * *', purgeAuditLogsTask, { jobKey: 'privacy_purge_audit_logs', maxAttempts: 3 });
