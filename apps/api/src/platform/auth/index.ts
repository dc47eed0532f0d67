export {
  type Access,
  type AccessGuardOptions,
  installAccessGuard,
  isApiPath,
  type RequestActor,
  requestContext,
  sessionIsLive,
} from './access';
export * from './passwords';
export * from './tokens';
export * from './totp';
