// The pure rules of news access.
import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors';
import { assertNewsEnabled, newsAudienceOf, newsWriterCompany } from './news.policy';

const companyId = '00000000-0000-4000-8000-000000000001';
const employeeId = '00000000-0000-4000-8000-000000000002';

describe('news policy', () => {
  it('gives HR its company and employees their own reading, nobody else any', () => {
    expect(newsAudienceOf({ role: 'ADMIN_RH', companyId })).toEqual({ kind: 'hr', companyId });
    expect(newsAudienceOf({ role: 'EMPLOYEE', companyId, employeeId })).toEqual({
      kind: 'employee',
      companyId,
      employeeId,
    });
    for (const role of ['SUPER_ADMIN', 'ADMIN_HUNTZEN', 'PRACTITIONER', 'ANONYMOUS', 'SYSTEM'] as const) {
      expect(newsAudienceOf({ role, companyId, employeeId }), role).toBeNull();
    }
    expect(newsAudienceOf({ role: 'EMPLOYEE', companyId })).toBeNull();
  });

  it('lets only HR write, and only when the company allows news', () => {
    expect(newsWriterCompany({ role: 'ADMIN_RH', companyId })).toBe(companyId);
    expect(() => newsWriterCompany({ role: 'EMPLOYEE', companyId, employeeId })).toThrow(AppError);
    expect(() => assertNewsEnabled({ allowInternalNews: true })).not.toThrow();
    expect(() => assertNewsEnabled({ allowInternalNews: false })).toThrow(
      expect.objectContaining({ code: 'NEWS_DISABLED' }),
    );
  });
});
