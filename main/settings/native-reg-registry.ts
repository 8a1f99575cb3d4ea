/**
 * The Windows registry through native-reg: N-API prebuilt binaries ship inside its npm package
 * (no download at install, no build tools), and it calls the registry API directly — never
 * reg.exe, which "Prevent access to registry editing tools" blocks on locked-down desks.
 * It only loads on Windows; the mapping below is tested with a fake module.
 */
import type { RegistryPort } from '../core/ports';

/** The part of native-reg this uses (its types, so a fake must match them). */
export interface NativeRegModule {
  HKEY: { LOCAL_MACHINE: number; CURRENT_USER: number };
  Access: { READ: number; WOW64_64KEY: number };
  openKey(hkey: number, subKey: string, access: number): number | null;
  enumValueNames(hkey: number): string[];
  queryValue(hkey: number, valueName: string | null): unknown;
  closeKey(hkey: number | null | undefined): void;
}

/** More values than any policy has; a key stuffed with thousands is read no further. */
const MAX_VALUES = 200;

export function nativeRegRegistry(reg: NativeRegModule): RegistryPort {
  return {
    readValues(hive, subKey) {
      const root = hive === 'HKLM' ? reg.HKEY.LOCAL_MACHINE : reg.HKEY.CURRENT_USER;
      // The 64-bit view: where Group Policy writes, whatever the app's own bitness.
      const key = reg.openKey(root, subKey, reg.Access.READ | reg.Access.WOW64_64KEY);
      if (key === null) return null;
      try {
        const values: Record<string, unknown> = {};
        for (const name of reg.enumValueNames(key).slice(0, MAX_VALUES)) {
          const value = reg.queryValue(key, name);
          // REG_SZ arrives as a string, REG_DWORD as a number: each item's schema says which it accepts.
          if (value !== null) values[name] = value;
        }
        return values;
      } finally {
        reg.closeKey(key);
      }
    },
  };
}

export async function loadNativeRegistry(): Promise<RegistryPort> {
  const imported = (await import('native-reg')) as unknown as NativeRegModule & { default?: NativeRegModule };
  return nativeRegRegistry(imported.default ?? imported);
}
