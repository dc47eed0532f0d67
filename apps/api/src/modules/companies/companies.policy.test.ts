// The company status and the decisions allowed from each one.
import { COMPANY_STATUSES } from '@huntzen/contracts';
import { describe, expect, it } from 'vitest';
import { canDecide, companyStatus } from './companies.policy';

const at = new Date('2025-03-01T10:00:00Z');

describe('companyStatus', () => {
  it('reads the status from the columns', () => {
    expect(companyStatus({ isActive: false, validatedAt: null, rejectedAt: null })).toBe('PENDING');
    expect(companyStatus({ isActive: true, validatedAt: at, rejectedAt: null })).toBe('ACTIVE');
    // Seeded or imported companies may be active without a validation date.
    expect(companyStatus({ isActive: true, validatedAt: null, rejectedAt: null })).toBe('ACTIVE');
    expect(companyStatus({ isActive: false, validatedAt: null, rejectedAt: at })).toBe('REJECTED');
    expect(companyStatus({ isActive: false, validatedAt: at, rejectedAt: null })).toBe('INACTIVE');
  });
});

describe('canDecide', () => {
  it('lets HuntZen validate or reject a waiting company only', () => {
    for (const status of COMPANY_STATUSES) {
      expect(canDecide(status, 'VALIDATE'), status).toBe(status === 'PENDING');
      expect(canDecide(status, 'REJECT'), status).toBe(status === 'PENDING');
    }
  });
});
