import { describe, expect, it } from 'vitest';
import { SafeStorageCipher } from '../../../main/shell/safe-storage-cipher';
import { fakeSafeStorage } from '../../helpers/fake-safe-storage';

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
