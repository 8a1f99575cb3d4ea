import { describe, expect, it } from 'vitest';
import type { SafeStorage } from 'electron';
import { SafeStorageCipher } from '../../../main/shell/safe-storage-cipher';

/** Stands in for Electron's safeStorage: a reversible transform, and a switch for "no keychain". */
function fakeSafeStorage(available = true) {
  const calls: string[] = [];
  const storage: Pick<SafeStorage, 'isEncryptionAvailable' | 'encryptString' | 'decryptString'> = {
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

describe('SafeStorageCipher', () => {
  it('seals with safeStorage and stores base64 of what it returned; opens it again', () => {
    const { storage } = fakeSafeStorage();
    const cipher = new SafeStorageCipher(storage);
    const sealed = cipher.encrypt('tok_Zoë_123');
    expect(sealed).toBe(Buffer.from('sealed:321_ëoZ_kot', 'utf8').toString('base64'));
    expect(sealed).not.toContain('tok');
    expect(cipher.decrypt(sealed)).toBe('tok_Zoë_123');
  });

  it('refuses to store a token when no OS keychain is available, never falling back to clear text', () => {
    const { storage, calls } = fakeSafeStorage(false);
    expect(() => new SafeStorageCipher(storage).encrypt('tok_123')).toThrow('no OS keychain is available to encrypt it');
    expect(calls).toEqual([]);
  });

  it('a sealed value the keychain cannot open is an error, not an empty token', () => {
    const { storage } = fakeSafeStorage();
    expect(() => new SafeStorageCipher(storage).decrypt(Buffer.from('tampered').toString('base64'))).toThrow(/decrypting/);
  });
});
