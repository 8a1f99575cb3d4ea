import type { VariableType } from '../ipc-contract';

const ACRONYMS = new Map([['id', 'ID'], ['url', 'URL'], ['sla', 'SLA'], ['vat', 'VAT'], ['iban', 'IBAN'], ['faq', 'FAQ']]);

function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[\s._\-[\]]+/)
    .map((word) => word.toLowerCase())
    .filter((word) => word.length > 0);
}

/** `customer.first_name` → "Customer first name"; `ticket.requester.email` → "Ticket requester email". */
export function labelForVariable(name: string): string {
  const parts = words(name).filter((word, index, all) => index === 0 || word !== all[index - 1]);
  if (parts.length === 0) return name;
  const label = parts.map((word) => ACRONYMS.get(word) ?? word).join(' ');
  return label.charAt(0).toUpperCase() + label.slice(1);
}

const EMAIL_WORDS = new Set(['email', 'mail', 'e-mail']);
const DATE_WORDS = new Set([
  'date', 'day', 'deadline', 'due', 'birthday', 'expiry', 'expires', 'datetime', 'dob', 'eta', 'until', 'since',
]);
const AMOUNT_WORDS = new Set([
  'amount', 'price', 'total', 'subtotal', 'cost', 'fee', 'fees', 'refund', 'balance', 'charge', 'tax', 'discount',
  'credit', 'payment', 'sum',
]);
// Deliberately not "number": an order or ticket "number" is usually an identifier such as A-1042.
const NUMBER_WORDS = new Set(['count', 'quantity', 'qty', 'age', 'days', 'nights', 'seats', 'percent', 'percentage']);
const MULTILINE_WORDS = new Set([
  'note', 'notes', 'message', 'comment', 'comments', 'body', 'description', 'details', 'signature', 'response',
  'reply', 'reason', 'summary', 'explanation', 'instructions', 'address', 'steps',
]);

/** A guess from the name, used to pick a fitting input; `text` when nothing fits. */
export function guessVariableType(name: string): VariableType {
  const all = words(name);
  const last = all[all.length - 1] ?? '';
  if (EMAIL_WORDS.has(last) || last.endsWith('email')) return 'email';
  // `created_at`, `shipped_on`: timestamps named by their suffix.
  if (DATE_WORDS.has(last) || ((last === 'at' || last === 'on') && all.length > 1)) return 'date';
  if (AMOUNT_WORDS.has(last)) return 'amount';
  if (NUMBER_WORDS.has(last)) return 'number';
  if (MULTILINE_WORDS.has(last)) return 'multiline';
  return 'text';
}
