/**
 * Stands in for Electron's `safeStorage` (the OS keychain) in tests and the browser harness: a
 * reversible transform that marks what it sealed, and a switch for "no keychain on this system".
 * It replaces the Electron API only; the app's SafeStorageCipher (main/shell) runs on top of it.
 */
import type { SafeStorage } from 'electron';

export type SafeStorageApi = Pick<SafeStorage, 'isEncryptionAvailable' | 'encryptString' | 'decryptString'>;

export function fakeSafeStorage(available = true): { storage: SafeStorageApi; calls: string[] } {
  const calls: string[] = [];
  const storage: SafeStorageApi = {
    isEncryptionAvailable: () => available,
    encryptString: (plain) => {
      calls.push('encrypt');
      return Buffer.from(`sealed:${[...plain].reverse().join('')}`, 'utf8');
    },
    decryptString: (sealed) => {
      calls.push('decrypt');
      const text = sealed.toString('utf8');
      if (!text.startsWith('sealed:')) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      return [...text.slice('sealed:'.length)].reverse().join('');
    },
  };
  return { storage, calls };
}
