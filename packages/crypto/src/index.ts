export * from './contexts';
export * from './field-crypto';
export * from './master-key';
