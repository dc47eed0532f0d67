// The application's cipher holds the previous keys of the configuration (ENCRYPTION_PREVIOUS_KEYS).
import { FieldCipher } from '@huntzen/crypto';
import { expect, it } from 'vitest';
import { buildTestApp, TEST_ENCRYPTION_KEY } from '../../../test/build-test-app';

it('app.cipher reads rows of a previous key and writes under the current one', async () => {
  const old = Buffer.alloc(32, 1);
  const t = await buildTestApp({ env: { ENCRYPTION_PREVIOUS_KEYS: old.toString('base64') } });
  try {
    const ctx = { table: 'messages', column: 'encrypted_content', rowId: 'x' };
    expect(t.app.cipher.decrypt(FieldCipher.fromKeys(old).encrypt('ancien', ctx), ctx)).toBe('ancien');
    expect(t.app.cipher.current.id).toBe(
      FieldCipher.fromKeys(Buffer.from(TEST_ENCRYPTION_KEY, 'base64')).current.id,
    );
  } finally {
    await t.close();
  }
});
