/**
 * THE managed-policy schema: one zod schema per policy key, with the title, description and
 * example (./policy-texts.json) every generated artefact uses (ADMX/ADML, the .mobileconfig example, the JSON schema for
 * Linux — `npm run gen:policy`). Each item is validated on its own, so one bad value never
 * takes the valid ones down with it.
 */
import { z } from 'zod';
import { LocaleSchema } from '../../common/knowledge';
import { checkServerUrl } from '../../common/net/server-url';
import { illFormedMessage, illFormedReason } from '../../common/text/well-formed';
import { parseEd25519PublicKey } from '../update/ed25519';
import { checkAccelerator } from '../../common/accelerator';
import { publicKeyProblem } from '../../common/signing/formats';
import POLICY_TEXTS from './policy-texts.json';

/** `examples[0]` is a valid value, used in every generated example (deploy/tools/policy-templates.ts). */
export type PolicyItemMeta = { title: string; description: string; examples: [string] };

const text = (max: number) =>
  z
    .string()
    .max(max)
    .superRefine((value, ctx) => {
      const reason = illFormedReason(value);
      if (reason) ctx.addIssue({ code: 'custom', message: illFormedMessage('the value', reason) });
    });

const serverUrl = text(2000).superRefine((value, ctx) => {
  const checked = checkServerUrl(value);
  if (!checked.ok) ctx.addIssue({ code: 'custom', message: checked.message });
  else if (checked.url === '') ctx.addIssue({ code: 'custom', message: 'must not be empty' });
});

const hotkey = text(100).superRefine((value, ctx) => {
  const checked = checkAccelerator(value);
  if (!checked.ok) ctx.addIssue({ code: 'custom', message: checked.message });
});

const ed25519Key = text(100).superRefine((value, ctx) => {
  const parsed = parseEd25519PublicKey(value);
  if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.message });
});

/** The one accepted text form of a signed-knowledge key (common/signing/formats.ts). */
const orgKey = text(100).superRefine((value, ctx) => {
  const problem = publicKeyProblem(value);
  if (problem) ctx.addIssue({ code: 'custom', message: `must be an Ed25519 public key: ${problem}` });
});

const onOff = z.enum(['on', 'off']);

/** Each key's value schema; its title, description and example (what IT reads) are ./policy-texts.json. */
const POLICY_SCHEMAS = {
  serverUrl,
  token: text(2000).min(1),
  orgRootKey: orgKey,
  releaseKey: ed25519Key,
  updateChannel: z.enum(['stable', 'beta']),
  updates: onOff,
  hotkey,
  defaultHotkey: hotkey,
  locale: LocaleSchema,
  pasteMode: z.enum(['paste', 'copy']),
  usageReports: onOff,
  reportQueryText: onOff,
  contextCapture: onOff,
  logLevel: z.enum(['error', 'warn', 'info', 'debug']),
} as const satisfies Record<keyof typeof POLICY_TEXTS, z.ZodType>;

/** Every key's schema carrying its texts as zod metadata, read by every generated artefact. */
function withTexts<T extends Record<keyof typeof POLICY_TEXTS, z.ZodType>>(schemas: T): T {
  const items = Object.entries(schemas).map(([key, schema]) => {
    const { title, description, example } = POLICY_TEXTS[key as keyof typeof POLICY_TEXTS];
    const meta: PolicyItemMeta = { title, description, examples: [example] };
    return [key, schema.meta(meta)];
  });
  return Object.fromEntries(items) as T;
}

export const POLICY_ITEMS = withTexts(POLICY_SCHEMAS);

export type PolicyKey = keyof typeof POLICY_ITEMS;

export const ManagedPolicySchema = z.object(POLICY_ITEMS).partial().strict();
export type ManagedPolicy = z.infer<typeof ManagedPolicySchema>;

/** Settings fields a policy item locks (the Settings page shows "Managed by your organisation"). */
export const LOCKED_SETTINGS = ['serverUrl', 'token', 'hotkey', 'locale', 'pasteMode', 'usageReports', 'contextCapture'] as const satisfies readonly PolicyKey[];
