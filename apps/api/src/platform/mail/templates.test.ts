// Rendering of every template: both languages, HTML and text, escaping, branding.
import { describe, expect, it } from 'vitest';
import { HUNTZEN_COLOR } from './branding';
import { InvalidMailDataError, renderEmail } from './render';
import { MAIL_LANGUAGES, mailDateTime } from './template';
import { MAIL_TEMPLATES, type MailTemplateName } from './templates';

const LINK = 'https://app.huntzen.test/auth/verify?token=s3cr3t-token&x=1';

const SAMPLE: { [N in MailTemplateName]: Record<string, unknown> } = {
  'verify-email': { firstName: 'Marie', link: LINK },
  'password-reset': { firstName: 'Marie', link: LINK },
  'admin-invitation': { firstName: 'Marie', companyName: 'Acme', link: LINK },
  'account-activated': { firstName: 'Marie', companyName: 'Acme', link: LINK },
  'account-erasure': { firstName: 'Marie', link: LINK },
  'company-pending': { firstName: 'Marie', companyName: 'Acme' },
  'company-validated': { firstName: 'Marie', companyName: 'Acme', link: LINK },
  'company-domain-verification': { firstName: 'Marie', companyName: 'Acme', domain: '@acme.fr', link: LINK },
  'company-rejected': { firstName: 'Marie', companyName: 'Acme', reason: 'SIRET inconnu.', link: LINK },
  'practitioner-application-received': { firstName: 'Marie' },
  'practitioner-validated': { firstName: 'Marie', link: LINK },
  'practitioner-rejected': { firstName: 'Marie', reason: 'Le diplôme est illisible.', link: LINK },
  'generic-notification': {
    firstName: 'Marie',
    title: 'Nouveau message',
    message: 'Ouvrez HuntZen.',
    link: LINK,
  },
  'consultation-update': {
    firstName: 'Marie',
    kind: 'cancelled',
    withName: 'Dr Sophie Martin',
    when: 'lundi 2 mars 2026 à 10:00 (Europe/Paris)',
    format: 'VIDEO',
    cancelledBy: 'other',
    link: LINK,
  },
  'consultation-reminder': {
    firstName: 'Marie',
    kind: '1h',
    withName: 'Dr Sophie Martin',
    when: 'lundi 2 mars 2026 à 10:00 (Europe/Paris)',
    format: 'VIDEO',
    roomOpensMinutesBefore: 10,
    link: LINK,
  },
};

function render(name: MailTemplateName, language: 'fr' | 'en', data = SAMPLE[name]) {
  // The sample table is typed loosely on purpose: each entry is checked by the template's schema.
  return renderEmail(name, language, data as never);
}

describe('mail templates', () => {
  it.each(Object.keys(MAIL_TEMPLATES) as MailTemplateName[])('%s renders in French and English', (name) => {
    const [fr, en] = MAIL_LANGUAGES.map((language) => render(name, language));
    for (const [mail, language] of [
      [fr, 'fr'],
      [en, 'en'],
    ] as const) {
      expect(mail?.subject.length).toBeGreaterThan(3);
      expect(mail?.html).toContain(`<html lang="${language}">`);
      expect(mail?.html).toContain('Marie');
      expect(mail?.text).toContain('Marie');
      expect(mail?.text).not.toContain('<');
      expect(mail?.templateData).toMatchObject({ language, firstName: 'Marie' });
      // The link (and its token) is in the body only, never in what is stored.
      expect(JSON.stringify(mail?.templateData)).not.toContain('s3cr3t');
      if ('link' in SAMPLE[name]) {
        expect(mail?.text).toContain(LINK);
        expect(mail?.html).toContain(
          'href="https://app.huntzen.test/auth/verify?token=s3cr3t-token&amp;x=1"',
        );
      }
    }
    // The generic notification's subject is its caller's title, in the recipient's language already.
    if (name !== 'generic-notification') expect(fr?.subject).not.toBe(en?.subject);
    expect(fr?.html).toContain('Bonjour Marie,');
    expect(en?.html).toContain('Hello Marie,');
  });

  it('greets without a name when the first name is empty or unknown', () => {
    for (const firstName of ['', null, undefined, '   ']) {
      const mail = render('verify-email', 'en', { firstName, link: LINK });
      expect(mail.text).toContain('\n\nHello,\n\n');
      expect(mail.templateData).toEqual({ language: 'en' });
    }
  });

  it('states the validity of each link', () => {
    expect(render('verify-email', 'fr').text).toContain('valable 24 heures');
    expect(render('password-reset', 'en').text).toContain('valid for 1 hour');
    expect(render('admin-invitation', 'fr').text).toContain('valable 72 heures');
  });

  it('escapes every interpolated value in HTML', () => {
    const evil = '<script>alert("x")</script>';
    const mail = render('generic-notification', 'fr', {
      firstName: evil,
      title: `Titre ${evil}`,
      message: `Premier & "second"\n${evil}`,
      link: LINK,
      linkLabel: `<b>${evil}</b>`,
    });
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).not.toContain('<b>');
    expect(mail.html).toContain('Bonjour &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;,');
    expect(mail.html).toContain('Premier &amp; &quot;second&quot;<br>&lt;script&gt;');
    expect(mail.html).toContain('<title>Titre &lt;script&gt;');
    // Plain text is not HTML: the name is kept as typed.
    expect(mail.text).toContain(`Bonjour ${evil},`);
  });

  it('refuses links that are not absolute http(s) URLs', () => {
    expect(() => render('verify-email', 'fr', { link: 'javascript:alert(1)' })).toThrow(InvalidMailDataError);
    expect(() => render('password-reset', 'fr', { link: '/relative' })).toThrow(InvalidMailDataError);
  });

  it('applies company branding and ignores unsafe branding values', () => {
    const branded = renderEmail(
      'account-activated',
      'fr',
      { link: LINK },
      { companyName: 'Acme <Corp>', primaryColor: '#ffcc00', logoUrl: 'https://cdn.acme.test/logo.png' },
    );
    expect(branded.html).toContain('background-color:#ffcc00');
    // A light colour gets dark text on the button.
    expect(branded.html).toContain('color:#1a1a1a');
    expect(branded.html).toContain('<img src="https://cdn.acme.test/logo.png" alt="Acme &lt;Corp&gt;"');
    expect(branded.text).toContain('validé par Acme <Corp>');
    expect(branded.templateData).toMatchObject({ companyName: 'Acme <Corp>' });

    const unsafe = renderEmail(
      'verify-email',
      'en',
      { link: LINK },
      { primaryColor: 'red;background:url(https://evil.test)', logoUrl: 'javascript:alert(1)' },
    );
    expect(unsafe.html).not.toContain('evil.test');
    expect(unsafe.html).not.toContain('javascript:');
    expect(unsafe.html).toContain(`background-color:${HUNTZEN_COLOR}`);
    expect(unsafe.html).toContain('>HuntZen</span>');
  });

  it('keeps the subject on one line', () => {
    const mail = render('generic-notification', 'en', {
      title: 'Line one\r\nBcc: someone@evil.test',
      message: 'm',
    });
    expect(mail.subject).toBe('Line one Bcc: someone@evil.test');
  });
});

describe('mailDateTime', () => {
  it("writes the instant in the reader's zone, day before month and 24-hour in both languages", () => {
    // 09:00Z is 10:00 in Paris in winter and 11:00 in summer; 18:30Z is 14:30 in New York once its
    // summer time began (8 March 2026), when Paris is still on winter time.
    const winter = new Date('2026-03-02T09:00:00Z');
    expect(mailDateTime(winter, 'Europe/Paris', 'fr')).toBe('lundi 2 mars 2026 à 10:00 (Europe/Paris)');
    expect(mailDateTime(winter, 'Europe/Paris', 'en')).toBe('Monday 2 March 2026 at 10:00 (Europe/Paris)');
    expect(mailDateTime(new Date('2026-07-06T09:00:00Z'), 'Europe/Paris', 'en')).toBe(
      'Monday 6 July 2026 at 11:00 (Europe/Paris)',
    );
    expect(mailDateTime(new Date('2026-03-20T18:30:00Z'), 'America/New_York', 'en')).toBe(
      'Friday 20 March 2026 at 14:30 (America/New_York)',
    );
    // Midnight is 00, not 24; a zone the runtime does not know is written in UTC, and says so.
    expect(mailDateTime(new Date('2026-03-01T23:05:00Z'), 'Europe/Paris', 'fr')).toBe(
      'lundi 2 mars 2026 à 00:05 (Europe/Paris)',
    );
    expect(mailDateTime(winter, 'Mars/Olympus_Mons', 'en')).toBe('Monday 2 March 2026 at 09:00 (UTC)');
  });
});
