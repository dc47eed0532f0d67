export {
  AppError,
  type AppErrorDetails,
  type FieldError,
  PROBLEM_CODES,
  type ProblemCode,
} from './app-error';
export {
  DATABASE_RETRY_AFTER_SECONDS,
  handleError,
  handleFrameworkError,
  installErrorHandling,
  isDatabaseUnavailable,
} from './error-handler';
export { buildProblem, problemResponse, sendProblem } from './problem';
