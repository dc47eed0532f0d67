// Known-answer tests of the AES-256-GCM primitive FieldCipher uses, on published vectors:
// the GCM specification's AES-256 test cases (McGrew & Viega, also in SP 800-38D's validation
// material) and NIST CAVP gcmEncryptExtIV256.rsp.
import { describe, expect, it } from 'vitest';
import { DecryptionError, openAes256Gcm, sealAes256Gcm } from './aes-gcm';

interface Vector {
  name: string;
  key: string;
  iv: string;
  plaintext: string;
  aad: string;
  ciphertext: string;
  tag: string;
}

const hex = (s: string) => Buffer.from(s, 'hex');

const VECTORS: Vector[] = [
  {
    name: 'GCM spec test case 13 (zero key, empty plaintext, no AAD)',
    key: '00'.repeat(32),
    iv: '00'.repeat(12),
    plaintext: '',
    aad: '',
    ciphertext: '',
    tag: '530f8afbc74536b9a963b4f1c4cb738b',
  },
  {
    name: 'GCM spec test case 14 (zero key, one zero block)',
    key: '00'.repeat(32),
    iv: '00'.repeat(12),
    plaintext: '00'.repeat(16),
    aad: '',
    ciphertext: 'cea7403d4d606b6e074ec5d3baf39d18',
    tag: 'd0d1c8a799996bf0265b98b5d48ab919',
  },
  {
    // 60-byte plaintext and 20-byte AAD: neither a whole number of blocks, both padded apart.
    name: 'GCM spec test case 16 (AES-256, 60-byte plaintext, 20-byte AAD)',
    key: 'feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308',
    iv: 'cafebabefacedbaddecaf888',
    plaintext:
      'd9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72' +
      '1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39',
    aad: 'feedfacedeadbeeffeedfacedeadbeefabaddad2',
    ciphertext:
      '522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa' +
      '8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662',
    tag: '76fc6ece0f4e1768cddf8853bb2d551b',
  },
  {
    name: 'CAVP gcmEncryptExtIV256 [IVlen=96][PTlen=128][AADlen=128][Taglen=128] Count=0',
    key: '92e11dcdaa866f5ce790fd24501f92509aacf4cb8b1339d50c9c1240935dd08b',
    iv: 'ac93a1a6145299bde902f21a',
    plaintext: '2d71bcfa914e4ac045b2aa60955fad24',
    aad: '1e0889016f67601c8ebea4943bc23ad6',
    ciphertext: '8995ae2e6df3dbf96fac7b7137bae67f',
    tag: 'eca5aa77d51d4a0a14d9c51e1da474ab',
  },
];

describe('AES-256-GCM known answers', () => {
  for (const v of VECTORS) {
    it(`encrypts: ${v.name}`, () => {
      const sealed = sealAes256Gcm(hex(v.key), hex(v.iv), hex(v.plaintext), hex(v.aad));
      expect(sealed.ciphertext.toString('hex')).toBe(v.ciphertext);
      expect(sealed.tag.toString('hex')).toBe(v.tag);
    });

    it(`decrypts, and refuses any flipped bit of the tag: ${v.name}`, () => {
      const open = (tag: Buffer, aad = hex(v.aad)) =>
        openAes256Gcm(hex(v.key), hex(v.iv), hex(v.ciphertext), aad, tag);
      expect(open(hex(v.tag)).toString('hex')).toBe(v.plaintext);
      for (let bit = 0; bit < 128; bit += 9) {
        const tag = hex(v.tag);
        tag[bit >> 3]! ^= 1 << (bit & 7);
        expect(() => open(tag)).toThrow(DecryptionError);
      }
      expect(() => open(hex(v.tag), Buffer.concat([hex(v.aad), Buffer.from([0])]))).toThrow(DecryptionError);
    });
  }

  it('refuses a truncated tag even when its bytes are a prefix of the right one', () => {
    const v = VECTORS[3]!;
    const short = hex(v.tag).subarray(0, 12);
    expect(() => openAes256Gcm(hex(v.key), hex(v.iv), hex(v.ciphertext), hex(v.aad), short)).toThrow(
      DecryptionError,
    );
  });

  it('takes 96-bit nonces only', () => {
    expect(() => sealAes256Gcm(Buffer.alloc(32), Buffer.alloc(8), Buffer.alloc(1), Buffer.alloc(0))).toThrow(
      /12 bytes/,
    );
  });
});
