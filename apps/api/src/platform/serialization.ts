// Response serialization: each route's Zod response schema, compiled once into a serializer by
// fast-json-stringify (Fastify's own), from the JSON Schema Zod makes of it. Zod's encoding checked
// every field of every answer before JSON.stringify wrote it: a week of free slots spent 55 µs in
// it, four times JSON.stringify's time (issue #13). The compiled serializer writes the schema's
// properties and nothing else, as Zod's encoding does: a field the schema does not name never
// leaves, whatever the service returned.
//
// What it does not do is check values (formats, enums, ranges): those are our own code's output.
// Outside production (CHECK_RESPONSES, on by default there, so in every test) each answer is also
// encoded by Zod, and the two must agree: a value outside the contract fails as before (500), and a
// compiled serializer that wrote anything else fails too. A schema that JSON Schema cannot express
// (none today: serialization.test.ts checks every route) keeps Zod's encoding, with a warning.
import { isDeepStrictEqual } from 'node:util';
import fastJson from 'fast-json-stringify';
import type { FastifySerializerCompiler } from 'fastify';
import { ResponseSerializationError } from 'fastify-type-provider-zod';
import { type ZodType, z } from 'zod';
import { $ZodType } from 'zod/v4/core';

type Serialize = (data: unknown) => string;

/** The Zod schema of a route's response, as fastify-type-provider-zod accepts it. */
function zodSchemaOf(schema: unknown): ZodType {
  if (schema instanceof $ZodType) return schema as ZodType;
  const properties = (schema as { properties?: unknown } | null)?.properties;
  if (properties instanceof $ZodType) return properties as ZodType;
  throw new Error(`a response schema must be a Zod schema, got ${JSON.stringify(schema)}`);
}

type JsonSchema = { [key: string]: unknown };

/**
 * `schema` as fast-json-stringify should read it:
 * - `anyOf: [T, {type: 'null'}]` of a typed T (Zod's form of `.nullable()`) becomes `type: [T's
 *   type, 'null']`: fast-json-stringify picks an `anyOf` branch by validating the value against
 *   each, a type list by the value's type alone;
 * - `additionalProperties: false` goes: an object's other properties are never written either way,
 *   but an `anyOf` branch that forbids them would refuse an object with more fields, which Zod
 *   accepts (and strips).
 */
function forSerializer(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(forSerializer);
  if (schema === null || typeof schema !== 'object') return schema;
  const node: JsonSchema = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key !== 'additionalProperties' || value !== false) node[key] = forSerializer(value);
  }
  const branches = node.anyOf;
  if (Array.isArray(branches) && branches.length === 2) {
    const nullAt = branches.findIndex((b) => isDeepStrictEqual(b, { type: 'null' }));
    const other = branches[1 - nullAt] as JsonSchema | undefined;
    if (nullAt >= 0 && other && typeof other.type === 'string' && !('anyOf' in other || 'oneOf' in other)) {
      const { anyOf: _, ...rest } = node;
      return { ...rest, ...other, type: [other.type, 'null'] };
    }
  }
  return node;
}

/** The JSON path of the first place where `a` and `b` differ ('' for the whole value). */
function firstDifference(a: unknown, b: unknown, path: string): string {
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return path;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const key of keys) {
    const [x, y] = [(a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]];
    if (!isDeepStrictEqual(x, y)) return firstDifference(x, y, `${path}/${key}`);
  }
  return path;
}

/** The compiled serializer of `schema`, or null when JSON Schema cannot express it. */
function compiled(schema: ZodType): Serialize | null {
  let json: unknown;
  try {
    json = z.toJSONSchema(schema, { io: 'output', target: 'draft-7', unrepresentable: 'throw' });
  } catch {
    return null;
  }
  return fastJson(forSerializer(json) as Parameters<typeof fastJson>[0]);
}

/**
 * The serializer compiler of the application. With `checkResponses`, each answer is encoded by
 * Zod as well, and must be what the compiled serializer wrote (see the top of this file).
 */
export function createSerializerCompiler(options: {
  checkResponses: boolean;
  /** Told of each schema that keeps Zod's encoding. */
  log: { warn(context: { method: string; url: string }, message: string): void };
}): FastifySerializerCompiler<unknown> {
  return ({ schema, method, url }) => {
    const zodSchema = zodSchemaOf(schema);
    const encoded: Serialize = (data) => {
      const result = z.safeEncode(zodSchema, data);
      if (result.error) throw new ResponseSerializationError(method, url, { cause: result.error });
      return JSON.stringify(result.data);
    };
    const fast = compiled(zodSchema);
    if (!fast) {
      options.log.warn({ method, url }, 'a response schema JSON Schema cannot express: encoded by Zod');
      return encoded;
    }
    return options.checkResponses ? checked(fast, encoded, `${method} ${url}`) : fast;
  };
}

/**
 * `fast`, which must write what `encoded` (the contract's encoding) writes, as JSON values: the
 * check of CHECK_RESPONSES. `encoded` runs first, so a value outside the contract fails as it does.
 */
export function checked(fast: Serialize, encoded: Serialize, route: string): Serialize {
  return (data) => {
    const expected = encoded(data);
    const written = fast(data);
    if (written !== expected && !isDeepStrictEqual(JSON.parse(written), JSON.parse(expected))) {
      // Where they differ, never what: an answer may hold health data, and errors are logged.
      const at = firstDifference(JSON.parse(written), JSON.parse(expected), '');
      throw new Error(`the compiled serializer of ${route} differs from its Zod schema at "${at}"`);
    }
    return written;
  };
}
