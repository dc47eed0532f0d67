export {
  AppError,
  type AppErrorDetails,
  type FieldError,
  PROBLEM_CODES,
  type ProblemCode,
} from './app-error';
export { handleError, handleFrameworkError, installErrorHandling } from './error-handler';
export { buildProblem, problemResponse, sendProblem } from './problem';
