// Hostile input on every route: each /api route of the application, called by a role it admits,
// with bodies, queries and path parameters generated (fast-check) from its own OpenAPI schema with
// NUL characters, lone surrogates, huge strings, years 0000 and 9999, numbers out of range and
// wrong types mixed in. Whatever the input, the answer is never a 5xx: bad input is the client's
// problem (4xx), not ours.
import { randomUUID } from 'node:crypto';
import type { UserRole } from '@huntzen/db';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  giveConsent,
  openAllWeek,
  placeConsultation,
  slotIn,
} from '../src/modules/consultations/consultations.fixtures';
import { buildTestApp, type TestApp } from './build-test-app';
import { clientIp, createCompany } from './identity';
import { declaredRules, type Rule, signInAs } from './route-callers';

// Generated requests per route (plus one of each uniform kind below): ~150 routes stay well under
// a minute on two cores.
const RUNS_PER_ROUTE = 10;

// ------------------------------------------------------------------ hostile values

const HOSTILE_STRINGS = [
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udfffy',
  '\udc00\ud800',
  '0000-01-01T00:00:00Z',
  '9999-12-31T23:59:59Z',
  '0000-01-01T00:00:00+14:00',
  '0000-01-01',
  '9999-12-31',
  '0000-01',
  '9999-12',
  '1e999',
  '-1',
  'NaN',
  '',
  ' ',
  '😀'.repeat(50),
  '../../../../etc/passwd',
  "'; select pg_sleep(0); --",
  '%00',
  'x'.repeat(20_000),
];
/** Opaque list cursors (`?cursor=`, `?before=`) as a client could forge them. */
const FORGED_CURSORS = [
  { t: '0000-01-01T00:00:00Z', id: randomUUID() },
  { t: '9999-12-31T23:59:59.999Z', id: randomUUID() },
  { t: 'not a time', id: 'not an id' },
  { t: 'a\u0000', id: '\u0000' },
  { t: '[1,', id: '' },
  { t: '{"s":"rating","k":[1e999,"x"]}', id: '' },
].map((cursor) => Buffer.from(JSON.stringify(cursor)).toString('base64url'));
const CURSOR_PARAMETERS = new Set(['cursor', 'before']);
const HOSTILE_OTHERS: unknown[] = [
  null,
  true,
  0,
  -1,
  1.5,
  -0,
  2 ** 53 + 1,
  1e308,
  -1e308,
  [],
  {},
  ['\u0000'],
  { '\u0000': 'x' },
  { '\ud800': 1 },
];
const hostile: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: fc.constantFrom(...HOSTILE_STRINGS), weight: 3 },
  { arbitrary: fc.constantFrom(...HOSTILE_OTHERS), weight: 1 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 30 }), weight: 1 },
);

// The month of `isoMonth` (billing), as its JSON schema spells it.
const MONTH_PATTERN = '^\\d{4}-(0[1-9]|1[0-2])$';

/**
 * One request per kind where every field of that kind carries the value (the others stay
 * plausible), so each free-text and each date field of each route meets each value at least once.
 */
const UNIFORM_KINDS: Record<string, { text?: string; 'date-time'?: string; date?: string; month?: string }> =
  {
    nul: { text: 'a\u0000b' },
    surrogate: { text: 'a\ud800b' },
    year0000: { 'date-time': '0000-01-01T00:00:00Z', date: '0000-01-01', month: '0000-01' },
    year9999: { 'date-time': '9999-12-31T23:59:59Z', date: '9999-12-31', month: '9999-12' },
    // Only the cursor parameters change (requestArbitrary), each to a forged cursor.
    cursor: {},
  };
type Mode = 'mixed' | keyof typeof UNIFORM_KINDS;

/** The value of a uniform mode for a string schema, if it is of the mode's kind. */
function uniformValue(s: JsonSchema, mode: Mode): string | undefined {
  const kind = UNIFORM_KINDS[mode];
  if (!kind) return undefined;
  if (s.format === 'date-time' || s.format === 'date') return kind[s.format];
  if (s.pattern === MONTH_PATTERN) return kind.month;
  return s.format || s.pattern ? undefined : kind.text;
}

// ------------------------------------------------------------------ values from JSON schemas

interface JsonSchema {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
}

interface Generators {
  components: Record<string, JsonSchema>;
  /** Ids of rows that exist, so that some requests get past "not found". */
  ids: string[];
}

function resolve(schema: JsonSchema, g: Generators): JsonSchema {
  if (!schema.$ref) return schema;
  const name = schema.$ref.split('/').pop()!;
  return resolve(g.components[name] ?? {}, g);
}

/** A value the schema probably accepts. */
function plausible(schema: JsonSchema, g: Generators, mode: Mode, depth: number): fc.Arbitrary<unknown> {
  const s = resolve(schema, g);
  const alternatives = s.anyOf ?? s.oneOf;
  if (alternatives) return fc.oneof(...alternatives.map((a) => value(a, g, mode, depth + 1)));
  if (s.allOf?.[0]) return value(s.allOf[0], g, mode, depth + 1);
  if (s.const !== undefined) return fc.constant(s.const);
  if (s.enum) return fc.constantFrom(...s.enum);
  const type = Array.isArray(s.type) ? s.type.find((x) => x !== 'null') : s.type;
  switch (type) {
    case 'string': {
      const uniform = uniformValue(s, mode);
      return uniform === undefined ? plausibleString(s, g) : fc.constant(uniform);
    }
    case 'integer':
    case 'number': {
      const min = Math.max(s.minimum ?? -10, -1e6);
      const max = Math.min(s.maximum ?? 1000, 1e6);
      return fc.integer({ min: Math.ceil(min), max: Math.max(Math.ceil(min), Math.floor(max)) });
    }
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array':
      return fc.array(value(s.items ?? {}, g, mode, depth + 1), {
        minLength: s.minItems ?? 0,
        maxLength: Math.min(s.maxItems ?? 3, Math.max(s.minItems ?? 0, 3)),
      });
    case 'object':
      return objectOf(s, g, mode, depth);
    default:
      return fc.oneof(fc.string({ maxLength: 10 }), fc.integer(), fc.constant(null));
  }
}

function plausibleString(s: JsonSchema, g: Generators): fc.Arbitrary<unknown> {
  const now = Date.now();
  switch (s.format) {
    case 'uuid':
      return fc.oneof(fc.constantFrom(...g.ids), fc.uuid());
    case 'date-time':
      return fc
        .integer({ min: -30, max: 90 })
        .map((days) => new Date(Math.floor(now / 3_600_000) * 3_600_000 + days * 86_400_000).toISOString());
    case 'date':
      return fc
        .integer({ min: -30, max: 90 })
        .map((days) => new Date(now + days * 86_400_000).toISOString().slice(0, 10));
    case 'email':
      return fc.constantFrom('fuzz@example.test', 'Someone.Else@Example.TEST');
    case 'uri':
      return fc.constant('https://example.com/fuzz');
  }
  if (s.pattern) {
    try {
      return fc.stringMatching(new RegExp(s.pattern)).filter((x) => x.length <= (s.maxLength ?? 200));
    } catch {
      // A pattern fast-check cannot invert: any short string.
    }
  }
  return fc.string({ minLength: s.minLength ?? 0, maxLength: Math.min(s.maxLength ?? 40, 40) });
}

function objectOf(s: JsonSchema, g: Generators, mode: Mode, depth: number): fc.Arbitrary<unknown> {
  const properties = s.properties ?? {};
  const shape = Object.fromEntries(
    Object.entries(properties).map(([key, property]) => [key, value(property, g, mode, depth + 1)]),
  );
  const known = fc.record(shape, { requiredKeys: (s.required ?? []).filter((k) => k in properties) });
  if (Object.keys(properties).length > 0) {
    // Sometimes an unknown field too (strict objects refuse it, the others drop it).
    return fc
      .tuple(known, fc.option(hostile, { nil: undefined, freq: 4 }))
      .map(([object, extra]) => (extra === undefined ? object : { ...(object as object), '\u0000x': extra }));
  }
  // A record (sections of a note…): a few keys, hostile ones included.
  const keys = fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('\u0000', '\ud800', 'k'.repeat(500)));
  const items = typeof s.additionalProperties === 'object' ? s.additionalProperties : {};
  return fc.dictionary(keys, value(items, g, mode, depth + 1), { maxKeys: 3 });
}

/** Plausible, with a hostile value instead in about one case of six (uniform modes: never). */
function value(schema: JsonSchema, g: Generators, mode: Mode, depth: number): fc.Arbitrary<unknown> {
  if (depth > 8) return hostile;
  if (mode !== 'mixed') return plausible(schema, g, mode, depth);
  return fc.oneof(
    { arbitrary: plausible(schema, g, mode, depth), weight: 5 },
    { arbitrary: hostile, weight: 1 },
  );
}

// ------------------------------------------------------------------ requests

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema: JsonSchema;
}
interface Operation {
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
}

interface FuzzRequest {
  path: Record<string, unknown>;
  query: Record<string, unknown>;
  headers: Record<string, unknown>;
  body: unknown;
}

/** Percent-encodes text as a hostile client would send it: lone surrogates as their WTF-8 bytes. */
function encode(raw: unknown): string {
  const text = typeof raw === 'string' ? raw : (JSON.stringify(raw) ?? '');
  let out = '';
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (code >= 0xd800 && code <= 0xdfff) {
      out += [0xe0 | (code >> 12), 0x80 | ((code >> 6) & 63), 0x80 | (code & 63)]
        .map((b) => `%${b.toString(16).toUpperCase()}`)
        .join('');
    } else out += encodeURIComponent(char);
  }
  return out;
}

function requestArbitrary(operation: Operation, g: Generators, mode: Mode): fc.Arbitrary<FuzzRequest> {
  const part = (where: Parameter['in']) => {
    const parameters = (operation.parameters ?? []).filter((p) => p.in === where);
    const generate = (p: Parameter) =>
      mode === 'cursor' && CURSOR_PARAMETERS.has(p.name)
        ? fc.constantFrom(...FORGED_CURSORS)
        : value(p.schema, g, mode, 1);
    return fc.record(Object.fromEntries(parameters.map((p) => [p.name, generate(p)])), {
      requiredKeys: parameters.filter((p) => p.required || where === 'path').map((p) => p.name),
    });
  };
  const json = operation.requestBody?.content?.['application/json']?.schema;
  return fc.record({
    path: part('path'),
    query: part('query'),
    headers: part('header'),
    body: json ? value(json, g, mode, 0) : fc.constant(undefined),
  });
}

// ------------------------------------------------------------------ the test

type Caller = Awaited<ReturnType<typeof signInAs>>;

let t: TestApp;
let companyId: string;
const callers = new Map<UserRole, Caller>();
const generators: Generators = { components: {}, ids: [] };

beforeAll(async () => {
  t = await buildTestApp();
  companyId = (await createCompany(t.db)).id;
  // The employee and practitioner share consultations, so that their routes reach real rows.
  const employee = await signInAs(t, 'EMPLOYEE', companyId);
  await giveConsent(t, employee.employeeId!);
  const practitioner = await signInAs(t, 'PRACTITIONER', companyId);
  await openAllWeek(t, practitioner.practitionerId!);
  callers.set('EMPLOYEE', employee);
  callers.set('PRACTITIONER', practitioner);
  const pair = { employeeId: employee.employeeId!, practitionerId: practitioner.practitionerId! };
  const upcoming = await placeConsultation(t, { ...pair, scheduledAt: slotIn(48) });
  const past = await placeConsultation(t, {
    ...pair,
    scheduledAt: new Date(Date.now() - 3 * 86_400_000),
    status: 'COMPLETED',
    startedAt: new Date(Date.now() - 3 * 86_400_000),
    endedAt: new Date(Date.now() - 3 * 86_400_000 + 50 * 60_000),
    isBillable: true,
  });
  generators.ids = [upcoming.id, past.id, pair.practitionerId, companyId, randomUUID()];
  await t.app.ready();
  const document = t.app.swagger() as { components?: { schemas?: Record<string, JsonSchema> } };
  generators.components = document.components?.schemas ?? {};
}, 120_000);
afterAll(() => t?.close());

/** The role that calls a route in this test: the first it admits (null: anonymous). */
function callerOf(rule: Rule): UserRole | null {
  if (rule === 'public') return null;
  return rule === 'authenticated' ? 'EMPLOYEE' : rule[0]!;
}

async function headersOf(role: UserRole | null, renew = false): Promise<Record<string, string>> {
  if (!role) return {};
  let caller = callers.get(role);
  if (!caller) {
    caller = await signInAs(t, role, companyId);
    callers.set(role, caller);
  } else if (renew) {
    // The same account again, so that it still owns the rows of the id pool; a new one when that
    // cannot be (a TOTP code is good once: the same 30 seconds cannot sign in twice).
    const again = await caller.signInAgain().catch(() => null);
    if (again) caller.headers = again;
    else {
      caller = await signInAs(t, role, companyId);
      callers.set(role, caller);
    }
  }
  return caller.headers;
}

async function send(method: string, url: string, role: UserRole | null, request: FuzzRequest) {
  const path = url.replace(/:(\w+)/g, (_, name: string) => encode(request.path[name] ?? randomUUID()));
  const query = Object.entries(request.query)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encode(v)}`)
    .join('&');
  // Header values the HTTP parser itself would refuse never reach the application.
  const extraHeaders = Object.fromEntries(
    Object.entries(request.headers)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k, encode(v)]),
  );
  const call = async (headers: Record<string, string>) =>
    t.app.inject({
      method: method as 'GET',
      url: query ? `${path}?${query}` : path,
      headers: {
        ...headers,
        ...extraHeaders,
        ...(request.body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      remoteAddress: clientIp(),
      // JSON.stringify keeps lone surrogates as \ud800 escapes, which the parser turns back.
      ...(request.body === undefined ? {} : { payload: JSON.stringify(request.body) ?? 'null' }),
    });
  let response = await call(await headersOf(role));
  // A call that ended its own session (logout-all, a password change): again with a new one.
  if (response.statusCode === 401 && role) response = await call(await headersOf(role, true));
  return response;
}

describe('hostile input on every route', () => {
  it('never answers 5xx', async () => {
    const document = t.app.swagger() as { paths: Record<string, Record<string, Operation>> };
    // A module's root route ('/' under its prefix) is documented with its trailing slash.
    const operations = new Map(
      Object.entries(document.paths).flatMap(([path, methods]) =>
        Object.entries(methods).map(([method, operation]) => [
          `${method.toUpperCase()} ${path.replace(/(.)\/$/, '$1')}`,
          operation,
        ]),
      ),
    );
    const failures: string[] = [];
    const routes = declaredRules(t);
    expect(routes.length).toBeGreaterThan(100);
    for (const { method, url, rule } of routes) {
      const operation = operations.get(`${method} ${url.replace(/:(\w+)/g, '{$1}')}`);
      // Every route is documented, so every route is fuzzed: none is skipped silently.
      expect(operation, `${method} ${url} in the OpenAPI document`).toBeDefined();
      if (!operation) continue;
      const role = callerOf(rule);
      const property = (mode: Mode) =>
        fc.asyncProperty(requestArbitrary(operation, generators, mode), async (request) => {
          const response = await send(method, url, role, request);
          if (response.statusCode >= 500) {
            throw new Error(`${response.statusCode} ${response.body.slice(0, 300)}`);
          }
        });
      const pages = (operation.parameters ?? []).some((p) => CURSOR_PARAMETERS.has(p.name));
      const runs: [Mode, number][] = [
        ['mixed', RUNS_PER_ROUTE],
        ...Object.keys(UNIFORM_KINDS)
          .filter((mode) => mode !== 'cursor')
          .map((mode): [Mode, number] => [mode as Mode, 1]),
        ...(pages ? [['cursor', FORGED_CURSORS.length] as [Mode, number]] : []),
      ];
      for (const [mode, numRuns] of runs) {
        // No shrinking: the counterexample is reported as generated, and the run stays bounded.
        const result = await fc.check(property(mode), { numRuns, endOnFailure: true });
        if (result.failed) {
          failures.push(
            `${method} ${url} (${mode}, seed ${result.seed}): ${String(result.errorInstance)}\n` +
              `  input: ${fc.stringify(result.counterexample)}`,
          );
        }
      }
    }
    expect(failures, failures.join('\n')).toEqual([]);
  }, 180_000);
});
