// Reading the .eml files the file transport writes under DATA_DIR/mail. Only names of the form the
// transport writes are accepted, and the resolved path must stay inside the folder: a request
// cannot reach any other file.
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { AddressObject, ParsedMail } from 'mailparser';

/** One file of the list. */
export interface MailSummary {
  file: string;
  date: Date | undefined;
  to: string;
  subject: string;
}

/** One e-mail, parsed. */
export interface MailDetail extends MailSummary {
  from: string;
  cc: string;
  bcc: string;
  html: string | undefined;
  text: string | undefined;
}

// The transport's names: 20250102T030405678Z-<uuid>.eml. No dot, slash or backslash but the extension's.
const MAIL_FILE = /^[A-Za-z0-9][A-Za-z0-9_-]{0,200}\.eml$/;

/** True for a name the transport could have written. */
export function isMailFileName(name: string): boolean {
  return MAIL_FILE.test(name);
}

// mailparser is a development dependency and this page exists only in development: load it lazily.
async function parse(raw: Buffer): Promise<ParsedMail> {
  const { simpleParser } = await import('mailparser');
  return simpleParser(raw);
}

function addresses(value: AddressObject | AddressObject[] | undefined): string {
  if (!value) return '';
  return (Array.isArray(value) ? value : [value]).map((a) => a.text).join(', ');
}

/** The service behind the development mail page, reading `directory`. */
export function createDevMailService(directory: string) {
  /** The path of `file` inside the folder, or null for any other name. */
  function resolve(file: string): string | null {
    if (!isMailFileName(file)) return null;
    const full = path.resolve(directory, file);
    return path.dirname(full) === path.resolve(directory) ? full : null;
  }

  async function read(file: string): Promise<MailDetail | null> {
    const full = resolve(file);
    if (!full) return null;
    try {
      if (!(await stat(full)).isFile()) return null;
      const mail = await parse(await readFile(full));
      return {
        file,
        date: mail.date,
        from: addresses(mail.from),
        to: addresses(mail.to),
        cc: addresses(mail.cc),
        bcc: addresses(mail.bcc),
        subject: mail.subject ?? '',
        html: mail.html || undefined,
        text: mail.text,
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  return {
    /** The newest `limit` e-mails first (the names sort by sending time). */
    async list(limit = 100): Promise<MailSummary[]> {
      let names: string[];
      try {
        names = await readdir(directory);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
        throw error;
      }
      const newest = names.filter(isMailFileName).sort().reverse().slice(0, limit);
      const mails = await Promise.all(newest.map(read));
      return mails
        .filter((m): m is MailDetail => m !== null)
        .map(({ file, date, to, subject }) => ({
          file,
          date,
          to,
          subject,
        }));
    },
    /** One e-mail, or null when there is no such file (or the name is not one of ours). */
    read,
  };
}

export type DevMailService = ReturnType<typeof createDevMailService>;
