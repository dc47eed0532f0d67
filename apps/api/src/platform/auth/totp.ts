// TOTP (RFC 6238: SHA-1, 30 s steps, 6 digits), accepting one step of clock drift either way.
import { timingSafeEqual } from 'node:crypto';
import { generate, generateSecret, generateURI, verify } from 'otplib';
import QRCode from 'qrcode';

const ISSUER = 'HuntZen';

/** A new random Base32 secret (160 bits). */
export function newTotpSecret(): string {
  return generateSecret({ length: 20 });
}

/** The otpauth:// URI and its QR code for authenticator apps. */
export async function totpProvisioning(secret: string, email: string) {
  const otpauthUrl = generateURI({ issuer: ISSUER, label: email, secret });
  const qrCodeDataUrl = await QRCode.toDataURL(otpauthUrl, {
    errorCorrectionLevel: 'M',
    margin: 1,
    width: 240,
  });
  return { otpauthUrl, qrCodeDataUrl };
}

/** The current code (for tests and tools). */
export function currentTotp(secret: string, at = Date.now()): Promise<string> {
  return generate({ secret, epoch: Math.floor(at / 1000) });
}

const STEP_SECONDS = 30;

/**
 * The 30-second time step `code` belongs to — now, or one step early or late (clock drift) — or
 * null when it matches none. Callers refuse a step already used (RFC 6238 §5.2: no replay).
 */
export async function totpStep(secret: string, code: string, at = Date.now()): Promise<number | null> {
  if (!/^\d{6}$/.test(code)) return null;
  const now = Math.floor(at / 1000);
  const result = await verify({ secret, token: code, epoch: now, epochTolerance: STEP_SECONDS });
  if (!result.valid) return null;
  // Which of the three steps matched: compare with each candidate (constant-time on equal lengths).
  for (const offset of [-1, 0, 1]) {
    const epoch = now + offset * STEP_SECONDS;
    const candidate = await generate({ secret, epoch });
    if (timingSafeEqual(Buffer.from(candidate), Buffer.from(code))) return Math.floor(epoch / STEP_SECONDS);
  }
  return null;
}
