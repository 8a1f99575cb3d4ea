/**
 * THE managed-policy schema: one zod schema per policy key, with the title, description and
 * example every generated artefact uses (ADMX/ADML, the .mobileconfig example, the JSON schema for
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

function item<T extends z.ZodType>(schema: T, meta: PolicyItemMeta): T {
  return schema.meta(meta) as T;
}

export const POLICY_ITEMS = {
  serverUrl: item(serverUrl, {
    title: 'Knowledge server URL',
    description: 'The knowledge server every agent syncs from (https://; http:// only for 127.0.0.1, [::1] or localhost). Locks the setting.',
    examples: ['https://kb.example.com'],
  }),
  token: item(text(2000).min(1), {
    title: 'Provisioning token',
    description: 'The agent token used to sync from the server. Locks the setting; stored nowhere else.',
    examples: ['cq_agent_0123456789abcdef'],
  }),
  orgRootKey: item(orgKey, {
    title: 'Organisation root key',
    description:
      "The organisation's root public key for signed knowledge (docs/signing.md): \"ed25519:\" + 32 bytes in base64, as `keys init-root` prints it. Every entry must then carry approvers' signatures the root-signed key list accepts.",
    examples: ['ed25519:11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo='],
  }),
  releaseKey: item(ed25519Key, {
    title: 'Release signing key',
    description: 'The Ed25519 public key (32 bytes, base64) whose signature every update must carry; replaces the key built into the app.',
    examples: ['GV7vW2cQq3wkgC5L3J2nH4n0pHkqQ7l3m8c6T6n0Y1o='],
  }),
  updateChannel: item(z.enum(['stable', 'beta']), {
    title: 'Update channel',
    description: 'Which releases this computer installs: stable or beta. Never installs an older version.',
    examples: ['stable'],
  }),
  updates: item(z.enum(['on', 'off']), {
    title: 'Automatic updates',
    description: 'on: Cuecard downloads signed updates and offers a restart. off: updates come from IT only.',
    examples: ['on'],
  }),
  hotkey: item(hotkey, {
    title: 'Hotkey (locked)',
    description: 'The key combination that opens Cuecard; agents cannot change it.',
    examples: ['Alt+Space'],
  }),
  defaultHotkey: item(hotkey, {
    title: 'Default hotkey (changeable)',
    description: 'The key combination used until the agent chooses another one.',
    examples: ['CommandOrControl+Shift+K'],
  }),
  locale: item(LocaleSchema, {
    title: 'Language',
    description: 'The language of answers shown first, as a locale tag such as en or pt-BR. Locks the setting.',
    examples: ['en'],
  }),
  pasteMode: item(z.enum(['paste', 'copy']), {
    title: 'Insert mode',
    description: 'paste: Cuecard pastes the reply into the focused app. copy: it only copies the reply. Locks the setting.',
    examples: ['paste'],
  }),
  usageReports: item(z.enum(['on', 'off']), {
    title: 'Usage reports',
    description: 'on: Cuecard sends usage counts (entries found, opened, inserted, copied; searches that found nothing) to the knowledge server with the sync. off: it records and sends nothing. Locks the setting.',
    examples: ['on'],
  }),
  reportQueryText: item(z.enum(['on', 'off']), {
    title: 'Send the text of missed searches',
    description: 'on: the usage reports carry the text of searches that found nothing, so leads can read them. off (default): only a hash of each such search is sent.',
    examples: ['off'],
  }),
  contextCapture: item(z.enum(['on', 'off']), {
    title: 'Fill fields from the clipboard and selection',
    description:
      'on: when the overlay opens, Cuecard reads the clipboard (and on Linux the selected text) to pre-fill template fields that declare it; the agent sees and confirms every such value. off (default): it reads neither. Locks the setting.',
    examples: ['off'],
  }),
  logLevel: item(z.enum(['error', 'warn', 'info', 'debug']), {
    title: 'Log level',
    description: 'How much Cuecard writes to its log file (tokens and entry bodies are never logged).',
    examples: ['info'],
  }),
} as const;

export type PolicyKey = keyof typeof POLICY_ITEMS;

export const ManagedPolicySchema = z.object(POLICY_ITEMS).partial().strict();
export type ManagedPolicy = z.infer<typeof ManagedPolicySchema>;

/** Settings fields a policy item locks (the Settings page shows "Managed by your organisation"). */
export const LOCKED_SETTINGS = ['serverUrl', 'token', 'hotkey', 'locale', 'pasteMode', 'usageReports', 'contextCapture'] as const satisfies readonly PolicyKey[];
