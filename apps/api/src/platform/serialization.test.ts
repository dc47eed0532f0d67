// The answers' serializers (platform/serialization.ts): compiled from the Zod response schemas, they
// write what Zod's encoding writes and nothing more; with CHECK_RESPONSES (every test) each answer
// is held to the Zod schema too; every route of the application gets a compiled one.
import { FreeSlotListSchema } from '@huntzen/contracts';
import { isResponseSerializationError } from 'fastify-type-provider-zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { buildTestApp, logInto, type TestApp } from '../../test/build-test-app';
import { checked, createSerializerCompiler } from './serialization';

const warnings: string[] = [];
const log = {
  warn: (_: unknown, message: string) => {
    warnings.push(message);
  },
};

/** The serializer the application would compile for `schema`. */
function serializerOf(schema: z.ZodType, checkResponses: boolean) {
  const compile = createSerializerCompiler({ checkResponses, log });
  return compile({ schema, method: 'GET', url: '/test', httpStatus: '200' });
}

/** What Zod's encoding writes (the contract's answer). */
const encoded = (schema: z.ZodType, data: unknown) => JSON.stringify(z.encode(schema, data));

describe('a compiled serializer', () => {
  it('writes what Zod writes: a week of free slots, nullable fields, a union', () => {
    const slots = Array.from({ length: 40 }, (_, i) => ({
      start: new Date(Date.UTC(2027, 0, 4, 8 + (i % 10), 0) + Math.floor(i / 10) * 86_400_000).toISOString(),
      end: new Date(Date.UTC(2027, 0, 4, 8 + (i % 10), 50) + Math.floor(i / 10) * 86_400_000).toISOString(),
    }));
    const list = { timezone: 'Europe/Paris', slots };
    expect(serializerOf(FreeSlotListSchema, false)(list)).toBe(encoded(FreeSlotListSchema, list));

    const Note = z.object({
      text: z.string().nullable(),
      signer: z.object({ name: z.string() }).nullable(),
      kind: z.union([
        z.object({ type: z.literal('A'), a: z.number() }),
        z.object({ type: z.literal('B'), b: z.string() }),
      ]),
    });
    for (const note of [
      { text: null, signer: null, kind: { type: 'A', a: 1 } },
      { text: 'é "quoted" \u2028', signer: { name: 'Dr X' }, kind: { type: 'B', b: 'x' } },
    ]) {
      expect(JSON.parse(serializerOf(Note, false)(note))).toEqual(JSON.parse(encoded(Note, note)));
    }
  });

  it('never writes a field the schema does not name, at any depth, in any branch of a union', () => {
    const Schema = z.object({
      id: z.string(),
      who: z.object({ name: z.string() }).nullable(),
      kind: z.union([z.object({ type: z.literal('A') }), z.object({ type: z.literal('B'), b: z.number() })]),
    });
    const answer = {
      id: 'c1',
      encryptedContent: 'secret',
      who: { name: 'Ana', email: 'ana@example.com' },
      kind: { type: 'B', b: 2, note: 'health data' },
    };
    for (const checkResponses of [false, true]) {
      const written = serializerOf(Schema, checkResponses)(answer);
      expect(JSON.parse(written)).toEqual({ id: 'c1', who: { name: 'Ana' }, kind: { type: 'B', b: 2 } });
      expect(written).not.toMatch(/secret|ana@example|health/);
    }
  });

  it('holds each answer to the Zod schema under CHECK_RESPONSES: a value outside it fails', () => {
    const Schema = z.object({ at: z.iso.datetime(), count: z.number().int() });
    const wrong = { at: 'yesterday', count: 2.5 };
    const failure = (() => {
      try {
        serializerOf(Schema, true)(wrong);
      } catch (error) {
        return error;
      }
    })();
    expect(isResponseSerializationError(failure)).toBe(true);
    // Without the check (production), the compiled serializer writes what it is given.
    expect(JSON.parse(serializerOf(Schema, false)(wrong))).toEqual({ at: 'yesterday', count: 2 });
  });

  it('fails, naming where and not what, when a compiled serializer writes anything else than Zod', () => {
    const serialize = checked(
      () => '{"slots":[{"start":"2027-01-04T08:00:00.000Z","note":"sleeps badly"}]}',
      () => '{"slots":[{"start":"2027-01-04T08:00:00.000Z"}]}',
      'GET /test',
    );
    expect(() => serialize({})).toThrow(
      'the compiled serializer of GET /test differs from its Zod schema at "/slots/0/note"',
    );
    expect(() => serialize({})).not.toThrow(/sleeps/);
    // The same JSON value written differently (spacing, escapes) is the same answer.
    expect(
      checked(
        () => '{"a": "\\u00e9"}',
        () => '{"a":"é"}',
        'GET /test',
      )({}),
    ).toBe('{"a": "\\u00e9"}');
  });
});

describe('the application', () => {
  let t: TestApp;
  const logged: string[] = [];
  beforeAll(async () => {
    const logDestination = logInto(logged);
    t = await buildTestApp({ logDestination });
    await t.app.ready();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('compiles a serializer for every response schema of every route', () => {
    const kept = logged
      .map((line): { msg?: string; url?: string } => JSON.parse(line))
      .filter((line) => line.msg?.includes('encoded by Zod'))
      .map((line) => line.url);
    expect(kept).toEqual([]);
    // (The warning itself is the one the compiler gives: a schema JSON Schema cannot express.)
    serializerOf(z.object({ when: z.date() }), false);
    expect(warnings).toContain('a response schema JSON Schema cannot express: encoded by Zod');
  });
});
