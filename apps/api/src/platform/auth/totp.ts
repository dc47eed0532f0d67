// TOTP (RFC 6238: SHA-1, 30 s steps, 6 digits), accepting one step of clock drift either way.
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

/** True when `code` is valid now, one 30-second step early or late included. */
export async function verifyTotp(secret: string, code: string, at = Date.now()): Promise<boolean> {
  if (!/^\d{6}$/.test(code)) return false;
  const result = await verify({ secret, token: code, epoch: Math.floor(at / 1000), epochTolerance: 30 });
  return result.valid;
}
