/** Shared fixtures for the search tests: the committed GNOME Help excerpt and hand-written templates. */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { KnowledgeEntry } from '../../../common/knowledge';

const here = path.dirname(fileURLToPath(import.meta.url));
export const EXCERPT_FILE = path.resolve(here, '../../fixtures/gnome-help-excerpt/gnome-help-excerpt.ndjson');

export function entry(partial: Partial<KnowledgeEntry> & Pick<KnowledgeEntry, 'id' | 'title'>): KnowledgeEntry {
  return {
    locale: 'en',
    kind: 'template',
    body: '',
    tags: [],
    urlOrPath: null,
    version: 1,
    updatedAt: '2026-01-01T00:00:00.000Z',
    approvedBy: 'test',
    approvedAt: '2026-01-01T00:00:00.000Z',
    reviewState: 'approved',
    ...partial,
  };
}

export function excerpt(): KnowledgeEntry[] {
  return fs
    .readFileSync(EXCERPT_FILE, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => {
      const r = JSON.parse(l) as { id: string; locale: string; title: string; body: string; tags?: string[] };
      return entry({ id: r.id, locale: r.locale, kind: 'article', title: r.title, body: r.body, tags: r.tags ?? [] });
    });
}

/** Support templates written for these tests (not from any corpus). */
export function templates(): KnowledgeEntry[] {
  return [
    entry({ id: 't/refund', title: 'Refund policy', body: 'We refund the full amount within 14 days of purchase.', tags: ['billing'] }),
    entry({ id: 't/refund-late', title: 'Late refund request', body: 'Refunds after 30 days need a manager approval.', tags: ['billing'] }),
    entry({ id: 't/shipping', title: 'Shipping times', body: 'Orders ship within two business days.', tags: ['shipping'] }),
    entry({
      id: 't/cancel-order',
      title: 'Cancel an order',
      body: 'Give the customer the shipping code from the confirmation e-mail so the warehouse can stop the parcel.',
      tags: ['orders'],
    }),
    entry({ id: 't/cancel-sub', title: 'Cancel a subscription', body: 'The subscription ends at the close of the period.', tags: ['billing'] }),
    entry({ id: 't/password', title: 'Reset your password', body: 'Use the “Forgot password” link on the sign-in page.', tags: ['account'] }),
    entry({ id: 't/address', title: 'Change the delivery address', body: 'Addresses can be changed until the order ships.', tags: ['orders'] }),
    entry({ id: 't/welcome', locale: 'fr', title: 'Message de bienvenue', body: 'Merci d’avoir contacté le service client.', tags: [] }),
    entry({ id: 't/strasse', locale: 'de', title: 'Lieferung an eine neue Straße', body: 'Die Adresse ändern Sie im Kundenkonto.', tags: [] }),
  ];
}
