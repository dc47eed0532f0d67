export * from './health';
export * from './identity';
export * from './problem';
