/** An approved article as a `/v1/changes` page carries it (version 1, empty body), for page-level tests. */
export const wireEntry = (id: string) => ({
  id,
  locale: 'en',
  kind: 'article',
  title: id,
  body: '',
  tags: [],
  urlOrPath: null,
  version: 1,
  updatedAt: '2026-01-01T00:00:00.000Z',
  approvedBy: 'lead',
  approvedAt: '2026-01-01T00:00:00.000Z',
  reviewState: 'approved',
});
