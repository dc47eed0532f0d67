// Spec seed-02 (database schema): the whole Drizzle schema — enums, the 18 tables and their relations.
export * from './articles';
export * from './audit';
export * from './billing';
export * from './clinical';
export * from './companies';
export * from './consultations';
export * from './email';
export * from './employees';
export * from './enums';
export * from './files';
export * from './idempotency';
export * from './messages';
export * from './news';
export * from './notifications';
export * from './practitioners';
export * from './relations';
export * from './users';
