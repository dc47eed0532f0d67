// Request validation: fastify-type-provider-zod's compiler, behind one check that applies to every
// route at once. Before a route's own schema sees its body, query or path, every string (and object
// key) in it must be storable text: no NUL character, no lone UTF-16 surrogate (the rule and its
// reasons are in @huntzen/contracts `textProblem`). A failure is a validation error like any other:
// 400 VALIDATION_FAILED naming each field, never a database error turned into a 500.
import { unsafeTextIssues } from '@huntzen/contracts';
import type { FastifySchemaValidationError } from 'fastify';
import { validatorCompiler as zodValidatorCompiler } from 'fastify-type-provider-zod';

/** The unstorable strings of `data` as the validation issues Fastify hands to the error handler. */
export function textValidationIssues(data: unknown): FastifySchemaValidationError[] {
  return unsafeTextIssues(data).map((issue) => ({
    keyword: 'custom',
    instancePath: issue.path.length > 0 ? `/${issue.path.map(pointerSegment).join('/')}` : '',
    schemaPath: '#/text',
    params: {},
    message: issue.message,
  }));
}

// JSON pointer escaping (RFC 6901), undone by the error handler when it builds `body.a.b` paths.
const pointerSegment = (segment: string | number) =>
  String(segment).replaceAll('~', '~0').replaceAll('/', '~1');

/** The validator compiler of the application: the text check, then the route's Zod schema. */
export const validatorCompiler: typeof zodValidatorCompiler = (route) => {
  const validate = zodValidatorCompiler(route);
  return (data: unknown) => {
    const issues = textValidationIssues(data);
    if (issues.length > 0) return { error: issues };
    return validate(data);
  };
};
