// What FieldCipher costs over the bare AES-256-GCM of node:crypto, on 1 KB fields: the key id,
// the associated data built from table/column/row, UTF-8 and base64 encoding. The baseline runs
// createCipheriv/createDecipheriv on the same sizes (fresh IV, same AAD length) in the same run.
// Timed in CPU time of this process (process.cpuUsage), not wall time: on a shared machine a
// wall-clock round also counts the time other processes held the core, which drowns ratios of
// microseconds (both sides are synchronous and single-threaded, so their CPU time is their cost).
// No database needed.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { FieldCipher } from '@huntzen/crypto';
import { report, sized } from './harness';

const FIELD_BYTES = 1024;
// Many short rounds rather than a few long ones: on a shared machine a 40 ms round is rarely left
// alone for its whole length, a 4 ms one often is, so the best rounds of both sides (alternating,
// so that they meet the same load) come out of undisturbed stretches and their ratio is stable.
const ITERATIONS = sized(1_000, 250);
const ROUNDS = sized(70, 4);

function timed(fn: () => unknown): number {
  const start = process.cpuUsage();
  for (let i = 0; i < ITERATIONS; i++) fn();
  const used = process.cpuUsage(start);
  return ITERATIONS / ((used.user + used.system) / 1e6);
}

/**
 * Operations per second of a baseline and of the measured code, rounds alternating so both meet
 * the same machine load, best round of each (the least disturbed).
 */
function compare(baseline: () => unknown, measured: () => unknown): [number, number] {
  for (let i = 0; i < sized(1000, 50); i++) {
    baseline();
    measured();
  }
  let [bestBaseline, bestMeasured] = [0, 0];
  for (let round = 0; round < ROUNDS; round++) {
    bestBaseline = Math.max(bestBaseline, timed(baseline));
    bestMeasured = Math.max(bestMeasured, timed(measured));
  }
  return [bestBaseline, bestMeasured];
}

/** Runs the benchmark and prints its ratios. */
export async function benchCrypto(): Promise<void> {
  const key = randomBytes(32);
  const cipher = FieldCipher.fromKeys(key, [randomBytes(32)]);
  // ASCII, so that the text and the baseline's buffer are both exactly FIELD_BYTES long.
  const text = 'Seance du jour : le sommeil revient, anxiete en baisse. '.repeat(40).slice(0, FIELD_BYTES);
  const plaintext = Buffer.from(text, 'utf8');
  const ctx = {
    table: 'journal_entries',
    column: 'encrypted_content',
    rowId: '0b6f3c52-7f5e-4d1a-9a53-52c7c1a8e0b1',
  };
  const aad = Buffer.from(`huntzen:v1:${ctx.table}:${ctx.column}:${ctx.rowId}`, 'utf8');

  const rawSeal = () => {
    const iv = randomBytes(12);
    const c = createCipheriv('aes-256-gcm', key, iv);
    c.setAAD(aad);
    const body = Buffer.concat([c.update(plaintext), c.final()]);
    return { iv, body, tag: c.getAuthTag() };
  };
  const rawOpen = (sealed: ReturnType<typeof rawSeal>) => {
    const d = createDecipheriv('aes-256-gcm', key, sealed.iv, { authTagLength: 16 });
    d.setAAD(aad);
    d.setAuthTag(sealed.tag);
    return Buffer.concat([d.update(sealed.body), d.final()]);
  };
  const rawSealed = rawSeal();
  // The same decryption from text as a column holds it, back to text: base64 in, UTF-8 out (what
  // any text column of ciphertext costs, whatever wraps the cipher), to tell that cost from
  // FieldCipher's own.
  const rawText = {
    iv: rawSealed.iv.toString('base64'),
    body: rawSealed.body.toString('base64'),
    tag: rawSealed.tag.toString('base64'),
  };
  const rawOpenText = () =>
    rawOpen({
      iv: Buffer.from(rawText.iv, 'base64'),
      body: Buffer.from(rawText.body, 'base64'),
      tag: Buffer.from(rawText.tag, 'base64'),
    }).toString('utf8');
  const field = cipher.encrypt(text, ctx);
  const stored = cipher.encryptToJson(text, ctx);

  const encrypt = compare(rawSeal, () => cipher.encrypt(text, ctx));
  const decrypt = compare(
    () => rawOpen(rawSealed),
    () => cipher.decrypt(field, ctx),
  );
  const decryptText = compare(rawOpenText, () => cipher.decrypt(field, ctx));
  const json = compare(
    () => rawOpen(rawSealed),
    () => cipher.decryptJson(stored, ctx),
  );
  const rotate = compare(
    () => rawOpen(rawSeal()),
    () => cipher.reencrypt(field, ctx),
  );

  console.info(
    `\nField encryption: ${FIELD_BYTES}-byte fields, AES-256-GCM (best of ${ROUNDS} × ${ITERATIONS}, CPU time)`,
  );
  report('FieldCipher.encrypt', 'raw createCipheriv', ...encrypt);
  report('FieldCipher.decrypt', 'raw createDecipheriv', ...decrypt);
  report('FieldCipher.decrypt', 'raw + base64 in, UTF-8 out', ...decryptText);
  report('FieldCipher.decryptJson (single-column form)', 'raw createDecipheriv', ...json);
  report('FieldCipher.reencrypt (one row of a rotation)', 'raw cipher + decipher', ...rotate);
}
