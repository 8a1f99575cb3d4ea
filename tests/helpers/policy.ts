import { parsePolicyItems, parsePolicyJson, type LoadedPolicy } from '../../main/settings/policy';

/** A JSON policy's text as the app reads it: parsed (BOM skipped), then checked item by item. */
export function parsePolicy(text: string, file: string): LoadedPolicy {
  const json = parsePolicyJson(text, file);
  const items = parsePolicyItems(json.raw, file);
  return { policy: items.policy, problems: [...json.problems, ...items.problems] };
}
