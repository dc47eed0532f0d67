// The associated data of ciphertexts whose row id alone does not say enough. A chat message is
// bound to its consultation too, so a ciphertext moved to another row — or the same id under
// another consultation — does not decrypt. The API, the demo generator and the key rotation all
// build the context here, so they cannot disagree.
import type { FieldContext } from './field-crypto';

/** The AAD context of `messages.encrypted_content`: row id `${consultationId}/${id}`. */
export function messageContentContext(message: { id: string; consultationId: string }): FieldContext {
  return {
    table: 'messages',
    column: 'encrypted_content',
    rowId: `${message.consultationId}/${message.id}`,
  };
}
