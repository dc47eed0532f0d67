import type { IncomingMessage } from 'node:http';
import { Writable } from 'node:stream';
import fc from 'fast-check';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { createLogger, requestIdOf, SENSITIVE_KEYS } from './logging';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).trim().split('\n'));
      done();
    },
  });
  return { stream, text: () => lines.join('\n') };
}

describe('logger', () => {
  it('redacts credentials, tokens, secrets and private content wherever they appear', () => {
    const out = capture();
    const logger = createLogger({ logLevel: 'info', nodeEnv: 'development' }, out.stream);
    logger.info(
      {
        password: 'pw-top-level',
        body: { email: 'ada@example.com', password: 'pw-in-body', newPassword: 'pw-new' },
        user: { passwordHash: '$2b$12$hash', twoFactorSecret: 'JBSWY3DPEHPK3PXP' },
        session: { tokens: { accessToken: 'eyJ-access', refreshToken: 'refresh-123' } },
        req: { headers: { authorization: 'Bearer eyJ-header', cookie: 'sid=cookie-value', host: 'huntzen' } },
        res: { headers: { 'set-cookie': 'sid=set-cookie-value' } },
        entry: {
          mood: 3,
          content: 'I feel anxious about Monday',
          encryptedContent: 'k1.Y2lwaGVy',
          iv: 'aXY=',
        },
        config: { jwtSecret: 'jwt-secret-value', secret: 'plain-secret' },
        items: [{ token: 'token-in-array' }],
      },
      'something happened',
    );
    const text = out.text();
    for (const leaked of [
      'pw-top-level',
      'pw-in-body',
      'pw-new',
      '$2b$12$hash',
      'JBSWY3DPEHPK3PXP',
      'eyJ-access',
      'refresh-123',
      'eyJ-header',
      'cookie-value',
      'I feel anxious',
      'Y2lwaGVy',
      'jwt-secret-value',
      'plain-secret',
      'token-in-array',
    ]) {
      expect(text).not.toContain(leaked);
    }
    const line = JSON.parse(text);
    expect(line.body.email).toBe('ada@example.com');
    expect(line.body.password).toBe('[REDACTED]');
    expect(line.req.headers.host).toBe('huntzen');
    expect(line.entry.mood).toBe(3);
  });

  it('redacts child bindings, messages interpolated with %j, errors and their properties', () => {
    const out = capture();
    const logger = createLogger({ logLevel: 'info', nodeEnv: 'production' }, out.stream);
    const child = logger.child({ reqId: 'req-1', token: 'bound-token', user: { cookie: 'bound-cookie' } });
    child.info('with %j', { notes: 'interpolated-note', nested: { authTag: 'interpolated-tag' } });
    const error = Object.assign(new Error('refused'), {
      apiKey: 'error-key',
      details: { secret: 'error-secret' },
    });
    child.error({ err: error }, 'failed');
    child.error(error, 'failed again');
    const text = out.text();
    for (const leaked of [
      'bound-token',
      'bound-cookie',
      'interpolated-note',
      'interpolated-tag',
      'error-key',
      'error-secret',
    ]) {
      expect(text).not.toContain(leaked);
    }
    const [first, second] = text.split('\n').map((line) => JSON.parse(line));
    expect(first.reqId).toBe('req-1');
    expect(first.token).toBe('[REDACTED]');
    expect(second.err.message).toBe('refused');
    expect(second.err.apiKey).toBe('[REDACTED]');
  });

  it("never changes the caller's objects, and logs binary data without failing", () => {
    const out = capture();
    const logger = createLogger({ logLevel: 'info', nodeEnv: 'production' }, out.stream);
    const body = { email: 'ada@example.com', password: 'pw', user: { token: 'tk' }, list: [{ iv: 'x' }] };
    const before = structuredClone(body);
    logger.info({ body, attachment: Buffer.from('%PDF'), password: 'top' }, 'uploaded');
    expect(body).toEqual(before);
    const line = JSON.parse(out.text());
    expect(line.body.password).toBe('[REDACTED]');
    expect(line.body.user.token).toBe('[REDACTED]');
    expect(line.body.list[0].iv).toBe('[REDACTED]');
    expect(line.attachment.type).toBe('Buffer');
  });

  // The censor walk against the reference it replaced: pino's own redaction with one wildcard path
  // per sensitive key and depth (`key`, `*.key`, … `*.*.*.*.key`), on arbitrary log objects.
  it('redacts exactly what one wildcard path per key and depth redacted', () => {
    const paths = SENSITIVE_KEYS.flatMap((key) => {
      const leaf = /^[A-Za-z_$][\w$]*$/.test(key) ? key : `["${key}"]`;
      return [0, 1, 2, 3, 4].map((depth) =>
        leaf.startsWith('[') ? `${'*.'.repeat(depth).slice(0, -1)}${leaf}` : `${'*.'.repeat(depth)}${leaf}`,
      );
    });
    const keys = fc.constantFrom(...SENSITIVE_KEYS, 'email', 'body', 'headers', 'mood', 'items', 'host');
    const leaf = fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null));
    const { tree } = fc.letrec((tie) => ({
      tree: fc.oneof(
        { maxDepth: 7, depthSize: 'large', withCrossShrink: true },
        leaf,
        fc.array(tie('tree'), { maxLength: 2 }),
        fc.dictionary(keys, tie('tree'), { maxKeys: 3 }),
      ),
    }));
    // A sensitive key at every depth from 0 to 6, under objects and arrays.
    const chain = fc
      .tuple(fc.array(fc.oneof(keys, fc.constant(0)), { minLength: 0, maxLength: 6 }), keys, leaf)
      .map(([steps, key, value]) =>
        steps.reduceRight<unknown>((inner, step) => (step === 0 ? [inner] : { [step]: inner }), {
          [key]: value,
        }),
      );
    fc.assert(
      fc.property(fc.dictionary(keys, fc.oneof(tree, chain), { maxKeys: 4 }), (object) => {
        const reference = capture();
        pino(
          { redact: { paths, censor: '[REDACTED]' }, timestamp: false, base: null },
          reference.stream,
        ).info(object);
        const out = capture();
        const logger = createLogger({ logLevel: 'info', nodeEnv: 'production' }, out.stream);
        logger.child({}, {}).info(object);
        const strip = (line: string) => {
          const { time: _time, pid: _pid, hostname: _hostname, ...rest } = JSON.parse(line);
          return rest;
        };
        expect(strip(out.text())).toEqual(strip(reference.text()));
      }),
      { numRuns: 500 },
    );
  });

  it('honours the level', () => {
    const out = capture();
    const logger = createLogger({ logLevel: 'warn', nodeEnv: 'production' }, out.stream);
    logger.info('not shown');
    logger.warn('shown');
    expect(out.text()).not.toContain('not shown');
    expect(out.text()).toContain('shown');
  });
});

describe('request ids', () => {
  const request = (id?: string) =>
    ({ headers: id === undefined ? {} : { 'x-request-id': id } }) as IncomingMessage;

  it('keeps a sane caller id and replaces anything else by a UUID', () => {
    expect(requestIdOf(request('web-1f3a:42.7_b'))).toBe('web-1f3a:42.7_b');
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
    expect(requestIdOf(request())).toMatch(uuid);
    for (const bad of ['', 'two words', 'x'.repeat(200), 'id\nfake-log-line', '"quoted"']) {
      expect(requestIdOf(request(bad))).toMatch(uuid);
    }
  });
});
