import type { TemplateVariable } from '../ipc-contract';

/** How an unfilled field shows in a preview or a copied template: `[Customer first name]`. */
function fieldMarker(variable: Pick<TemplateVariable, 'label'>): string {
  return `[${variable.label}]`;
}

/**
 * The values a template is rendered with when fields may still be empty (the live preview, a
 * template copied as it stands): the agent's value, else the template's own default, else a
 * visible marker, so the whole reply reads from the first keystroke and no gap is silent.
 * Inserting never uses this: it refuses empty fields instead.
 */
export function valuesWithMarkers(
  variables: readonly Pick<TemplateVariable, 'name' | 'label' | 'defaultValue'>[],
  values: Readonly<Record<string, string>> = {},
): Record<string, string> {
  return Object.fromEntries(
    variables.map((variable) => {
      const value = values[variable.name] ?? '';
      return [variable.name, value.trim() !== '' ? value : (variable.defaultValue ?? fieldMarker(variable))];
    }),
  );
}
