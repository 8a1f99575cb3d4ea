import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parse as parsePlist } from 'plist';
import { describe, expect, it } from 'vitest';
import { policyArtefacts, POLICY_KEYS, policyItemChoices } from '../../../deploy/tools/policy-templates';
import { parsePolicyItems } from '../../../main/settings/policy';
import { root } from '../packaging/builder-config';

const generated = Object.fromEntries(policyArtefacts().map((f) => [f.path, f.content]));
const committed = (file: string) => readFileSync(path.join(root, file), 'utf8');

describe('policy templates generated from the one schema', () => {
  it.each(Object.keys(generated))('%s is committed exactly as `npm run gen:policy` generates it', (file) => {
    expect(committed(file)).toBe(generated[file]);
  });

  it('the ADMX defines every policy key under HKLM/HKCU SOFTWARE\\Policies\\Cuecard, and the ADML names each one', () => {
    const admx = generated['deploy/windows/cuecard.admx']!;
    const adml = generated['deploy/windows/en-US/cuecard.adml']!;
    const policies = [...admx.matchAll(/<policy name="(\w+)" class="Both"[^>]* key="SOFTWARE\\Policies\\Cuecard"/g)].map((m) => m[1]);
    expect(policies).toEqual(POLICY_KEYS);
    const stringRefs = new Set([...admx.matchAll(/\$\(string\.(\w+)\)/g)].map((m) => m[1]));
    const stringIds = new Set([...adml.matchAll(/<string id="(\w+)">/g)].map((m) => m[1]));
    expect([...stringRefs].filter((id) => !stringIds.has(id))).toEqual([]);
    const presentationRefs = [...admx.matchAll(/\$\(presentation\.(\w+)\)/g)].map((m) => m[1]);
    const presentationIds = [...adml.matchAll(/<presentation id="(\w+)">/g)].map((m) => m[1]);
    expect(presentationIds).toEqual(presentationRefs);
    for (const key of POLICY_KEYS) {
      const choices = policyItemChoices(key);
      if (choices) for (const c of choices) expect(admx).toContain(`<value><string>${c}</string></value>`);
    }
  });

  it('the .mobileconfig example forces values the app accepts, in the app domain', () => {
    const profile = parsePlist(generated['deploy/macos/com.cuecard.app.mobileconfig']!) as { PayloadType: string; PayloadContent: Record<string, unknown>[] };
    expect(profile.PayloadType).toBe('Configuration');
    const payload = profile.PayloadContent[0]!;
    expect(payload.PayloadType).toBe('com.cuecard.app');
    const values = Object.fromEntries(Object.entries(payload).filter(([k]) => !k.startsWith('Payload')));
    const loaded = parsePolicyItems(values, 'mobileconfig');
    expect(loaded.problems).toEqual([]);
    expect(Object.keys(loaded.policy)).toEqual(POLICY_KEYS);
  });

  it('the JSON schema for policy.json accepts a valid policy and refuses unknown keys and bad choices', () => {
    const validate = new Ajv2020({ strict: false }).compile(JSON.parse(generated['deploy/linux/policy.schema.json']!) as object);
    expect(validate({ serverUrl: 'https://kb.example.com', updateChannel: 'beta', updates: 'off' })).toBe(true);
    expect(validate({ serverURL: 'https://kb.example.com' })).toBe(false);
    expect(validate({ updateChannel: 'nightly' })).toBe(false);
  });
});
