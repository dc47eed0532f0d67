export * from './actor';
export * from './client';
export * from './migrate';
export * from './schema';
export * from './server';
export * from './tenancy';
