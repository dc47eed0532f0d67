export {
  type Access,
  type AccessGuardOptions,
  installAccessGuard,
  isApiPath,
  type RequestActor,
  requestContext,
} from './access';
export * from './passwords';
export * from './tokens';
export * from './totp';
