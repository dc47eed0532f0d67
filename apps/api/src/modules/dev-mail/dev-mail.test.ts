// The file transport and the development mail page: enqueue → batch → .eml under DATA_DIR/mail,
// listed and shown by /dev/mail in development only, and nothing but that folder is reachable.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { SYSTEM_ACTOR, withActor } from '@huntzen/db';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildTestApp,
  TEST_ENCRYPTION_KEY,
  TEST_JWT_SECRET,
  type TestApp,
} from '../../../test/build-test-app';
import { buildApp } from '../../app';
import { loadConfig } from '../../config';
import { createMailTransport, enqueueEmail, mailDirectory, sendEmailBatch } from '../../platform/mail';
import { devMailModule, isDevMailEnabled } from './index';

let dev: TestApp;
/** The older of the two files, and the newer one. */
let file: string;
let newer: string;

beforeAll(async () => {
  // buildApp registers the dev page itself in development.
  dev = await buildTestApp({ env: { NODE_ENV: 'development' } });
  const transport = createMailTransport(dev.config);
  expect(transport.kind).toBe('file');
  await withActor(dev.db, SYSTEM_ACTOR, async (tx) => {
    await enqueueEmail(tx, {
      to: 'marie@acme.test',
      template: 'verify-email',
      language: 'fr',
      data: { firstName: '<script>alert(1)</script>', link: 'https://app.huntzen.test/verify?token=t0k' },
    });
    await enqueueEmail(tx, {
      to: 'john@acme.test',
      template: 'company-pending',
      language: 'en',
      data: { companyName: 'Acme' },
    });
  });
  expect(await sendEmailBatch({ db: dev.db, transport })).toMatchObject({ sent: 2 });
  const names = await readdir(mailDirectory(dev.config.dataDir));
  expect(names).toHaveLength(2);
  [file = '', newer = ''] = names.sort();
});

afterAll(async () => {
  await dev?.close();
});

describe('file transport', () => {
  it('writes a parseable RFC 822 message with a sortable name into DATA_DIR/mail', async () => {
    expect(file).toMatch(/^\d{8}T\d{9}Z-[0-9a-f-]{36}\.eml$/);
    const parsed = await Promise.all(
      [file, newer].map(async (name) =>
        simpleParser(await readFile(path.join(mailDirectory(dev.config.dataDir), name))),
      ),
    );
    const mail = parsed.find((m) => m.subject === 'Confirmez votre adresse e-mail');
    expect(parsed.map((m) => m.subject).sort()).toEqual([
      'Confirmez votre adresse e-mail',
      'Registration of Acme received',
    ]);
    if (!mail) throw new Error('verification e-mail not written');
    expect(mail.subject).toBe('Confirmez votre adresse e-mail');
    expect(mail.from?.text).toContain('no-reply@huntzen.care');
    expect(mail.html).toContain('href="https://app.huntzen.test/verify?token=t0k"');
    expect(mail.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(mail.text).toContain('https://app.huntzen.test/verify?token=t0k');
  });
});

describe('development mail page', () => {
  it('lists the e-mails, newest first', async () => {
    const response = await dev.app.inject({ method: 'GET', url: '/dev/mail' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/html');
    const body = response.body;
    expect(body.indexOf(`href="/dev/mail/${newer}"`)).toBeGreaterThan(0);
    expect(body.indexOf(`href="/dev/mail/${newer}"`)).toBeLessThan(body.indexOf(`href="/dev/mail/${file}"`));
    expect(body).toContain('Registration of Acme received');
    expect(body).toContain('marie@acme.test');
  });

  it('shows one e-mail: its HTML in a sandboxed frame, and its text', async () => {
    const list = await dev.app.inject({ method: 'GET', url: '/dev/mail' });
    const verification = [file, newer].find((name) => new RegExp(`${name}">Confirmez`).test(list.body));
    const response = await dev.app.inject({ method: 'GET', url: `/dev/mail/${verification}` });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-security-policy']).toContain("default-src 'none'");
    expect(response.body).toContain('<h1>Confirmez votre adresse e-mail</h1>');
    // The link the sandboxed frame cannot follow is listed, clickable.
    expect(response.body).toContain(
      '<a href="https://app.huntzen.test/verify?token=t0k" target="_blank" rel="noopener noreferrer">',
    );
    expect(response.body).toContain('<iframe sandbox title="HTML part" srcdoc="&lt;!DOCTYPE html&gt;');
    expect(response.body).toContain('<pre>HuntZen');
    // The name stays escaped twice over inside srcdoc, and never becomes a script of the page.
    expect(response.body).not.toContain('<script>');
  });

  it('reaches nothing outside the mail folder', async () => {
    const outside = path.join(dev.config.dataDir, 'outside.eml');
    await writeFile(outside, 'Subject: secret\r\n\r\nsecret body\r\n');
    for (const url of [
      '/dev/mail/..%2Foutside.eml',
      '/dev/mail/..%2F..%2Fetc%2Fpasswd',
      '/dev/mail/%2E%2E%2Foutside.eml',
      '/dev/mail/..%5Coutside.eml',
      '/dev/mail/missing.eml',
    ]) {
      const response = await dev.app.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBe(404);
      expect(response.body).not.toContain('secret');
    }
    const dotted = await dev.app.inject({ method: 'GET', url: '/dev/mail/../outside.eml' });
    expect(dotted.statusCode).toBe(404);
    expect(dotted.body).not.toContain('secret');
  });

  it('does not exist in test or production, nor when SMTP is configured', async () => {
    const env = {
      DATA_DIR: dev.config.dataDir,
      DATABASE_URL: 'postgres://localhost/unused',
      ENCRYPTION_KEY: TEST_ENCRYPTION_KEY,
      JWT_SECRET: TEST_JWT_SECRET,
      LOG_LEVEL: 'silent',
    };
    const configs = [
      loadConfig({ ...env, NODE_ENV: 'test' }),
      loadConfig({ ...env, NODE_ENV: 'production' }),
      loadConfig({ ...env, NODE_ENV: 'development', SMTP_URL: 'smtp://127.0.0.1:2525' }),
    ];
    for (const config of configs) {
      expect(isDevMailEnabled(config)).toBe(false);
      const app = await buildApp({ config, db: dev.db });
      try {
        await app.register(devMailModule(config));
        for (const url of ['/dev/mail', `/dev/mail/${file}`]) {
          const response = await app.inject({ method: 'GET', url });
          expect(response.statusCode, `${config.nodeEnv} ${url}`).toBe(404);
        }
      } finally {
        await app.close();
      }
    }
  });
});
