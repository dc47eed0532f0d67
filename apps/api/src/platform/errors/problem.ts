// Building and sending RFC 9457 problem documents.
import {
  type FieldError,
  PROBLEM_CONTENT_TYPE,
  type Problem,
  type ProblemCode,
  ProblemSchema,
} from '@huntzen/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { PROBLEM_CODES } from './app-error';

// A stable namespace rather than PUBLIC_URL: the type of a problem must not change per deployment.
const TYPE_BASE = 'https://huntzen.care/problems/';

/** The request path without its query string (which may carry tokens). */
export function requestPath(request: FastifyRequest): string {
  return request.url.split('?', 1)[0] ?? '/';
}

/** The problem document for `code` about `request`. */
export function buildProblem(
  request: FastifyRequest,
  code: ProblemCode,
  detail: string,
  errors?: FieldError[],
): Problem {
  const { status, title } = PROBLEM_CODES[code];
  return {
    type: `${TYPE_BASE}${code.toLowerCase().replaceAll('_', '-')}`,
    title,
    status,
    code,
    detail,
    instance: requestPath(request),
    ...(errors && errors.length > 0 ? { errors } : {}),
  };
}

/** Sends `problem` as application/problem+json, with the request id echoed. */
export function sendProblem(request: FastifyRequest, reply: FastifyReply, problem: Problem): FastifyReply {
  if (problem.code === 'UNAUTHENTICATED') reply.header('www-authenticate', 'Bearer realm="HuntZen"');
  // Serialised here, not by the route's response schema: the error body is the same on every route.
  return reply
    .status(problem.status)
    .header('x-request-id', request.id)
    .type(PROBLEM_CONTENT_TYPE)
    .send(JSON.stringify(problem));
}

/** A route's documented error response: `response: { 404: problemResponse('No such consultation') }`. */
export function problemResponse(description: string) {
  return { description, content: { [PROBLEM_CONTENT_TYPE]: { schema: ProblemSchema } } };
}
