import type { IncomingMessage } from 'node:http';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, requestIdOf } from './logging';

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
