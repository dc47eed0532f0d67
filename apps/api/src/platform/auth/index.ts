export { type Access, type AccessGuardOptions, installAccessGuard, isApiPath } from './access';
