/**
 * Owns the in-memory index for the process: builds it from the store at start, keeps it in
 * step with committed store changes, answers searches. Issue #4 adds persistence and the
 * background rebuild behind this same class.
 */
import type { SearchHit } from '../../common/ipc-contract';
import type { KnowledgeEntry } from '../../common/knowledge';
import type { KnowledgeStore } from '../store/knowledge-store';
import { SimpleIndex } from './simple-index';
import type { KnowledgeIndex, SearchQuery, UsageSignal } from './types';

export interface SearchServiceDeps {
  store: KnowledgeStore;
  /** Folder for the persisted index (next to the DB). */
  indexDir: string;
  usage?: UsageSignal;
}

export class SearchService {
  private unsubscribe: () => void = () => undefined;

  private constructor(private readonly index: KnowledgeIndex) {}

  static async start(deps: SearchServiceDeps): Promise<SearchService> {
    const service = new SearchService(new SimpleIndex());
    service.index.build(await deps.store.all());
    service.unsubscribe = deps.store.onChange((changes) => service.index.apply(changes));
    return service;
  }

  search(query: SearchQuery): SearchHit[] {
    return this.index.search(query);
  }

  get(id: string, locale: string): KnowledgeEntry | undefined {
    return this.index.get(id, locale);
  }

  get size(): number {
    return this.index.size;
  }

  async close(): Promise<void> {
    this.unsubscribe();
  }
}
