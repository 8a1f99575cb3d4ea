/** Seals the server token with the OS keychain (safeStorage); refuses to store it in the clear. */
import type { SafeStorage } from 'electron';
import type { SecretCipher } from '../core/ports';

export class SafeStorageCipher implements SecretCipher {
  constructor(private readonly safeStorage: Pick<SafeStorage, 'isEncryptionAvailable' | 'encryptString' | 'decryptString'>) {}

  encrypt(plain: string): string {
    if (!this.safeStorage.isEncryptionAvailable()) {
      throw new Error('no OS keychain is available to encrypt it');
    }
    return this.safeStorage.encryptString(plain).toString('base64');
  }

  decrypt(sealed: string): string {
    return this.safeStorage.decryptString(Buffer.from(sealed, 'base64'));
  }
}
