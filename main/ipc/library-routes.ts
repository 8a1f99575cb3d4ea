/**
 * The Library window's channels (common/library-contract.ts) and the use case behind each. Every
 * one answers only the Library page (app://cuecard/library.html) and only once the server has said
 * the token is a lead's or an admin's: an agent's session is refused here, in main, whatever the page does.
 */
import type { ZodType } from 'zod';
import { LIBRARY_CHANNELS, LIBRARY_PAGE_PATH, type LibraryChannelKey } from '../../common/library-channels';
import { LIBRARY_REQUEST_SCHEMAS, type LibraryParsedRequestOf, type LibraryResponseTypes } from '../../common/library-contract';
import type { LibraryServices } from '../application/library-services';
import type { ApproverKeyServices } from '../application/approver-key-services';
import type { Logger } from '../core/ports';
import { handleChannel, IpcRouter, type ChannelRules, type RegisteredHandler } from './handle';

export function createLibraryRouter(library: LibraryServices, approverKey: ApproverKeyServices, log: Logger): IpcRouter {
  const s = LIBRARY_REQUEST_SCHEMAS;
  const lead: ChannelRules = { pagePath: LIBRARY_PAGE_PATH, guard: async () => void (await library.requireLead()) };
  const on = <K extends LibraryChannelKey>(
    key: K,
    schema: ZodType<LibraryParsedRequestOf<K>>,
    fn: (request: LibraryParsedRequestOf<K>) => Promise<LibraryResponseTypes[K]> | LibraryResponseTypes[K],
    rules: ChannelRules = lead,
  ): RegisteredHandler => handleChannel(LIBRARY_CHANNELS[key], schema, fn, log, rules);
  const handlers = {
    // The session answers the role itself (the page says "for leads" instead of failing each call).
    session: on('session', s.session, () => library.session(), { pagePath: LIBRARY_PAGE_PATH }),
    load: on('load', s.load, (r) => library.load(r.refresh)),
    search: on('search', s.search, (r) => library.search(r.query, r.limit)),
    getEntry: on('getEntry', s.getEntry, (r) => library.getEntry(r.id, r.locale)),
    keepDraft: on('keepDraft', s.keepDraft, async (r) => (await library.keepDraft(r), null)),
    discardDraft: on('discardDraft', s.discardDraft, async (r) => (await library.discardDraft(r.id, r.locale), null)),
    saveDraft: on('saveDraft', s.saveDraft, (r) => library.saveDraft(r)),
    submit: on('submit', s.submit, (r) => library.submit(r)),
    checkTemplate: on('checkTemplate', s.checkTemplate, (r) => library.checkTemplate(r.body, r.values)),
    queue: on('queue', s.queue, () => library.queue()),
    history: on('history', s.history, (r) => library.history(r.id, r.locale)),
    version: on('version', s.version, (r) => library.version(r.id, r.locale, r.version)),
    act: on('act', s.act, (r) => library.act(r)),
    // The lead's approver key (issue #15): only its public half is ever answered.
    approverKey: on('approverKey', s.approverKey, () => approverKey.view()),
    createApproverKey: on('createApproverKey', s.createApproverKey, () => approverKey.create()),
    registerApproverKey: on('registerApproverKey', s.registerApproverKey, (r) => approverKey.register(r.name)),
    report: on('report', s.report, (r) => library.report(r.name)),
    synonymRules: on('synonymRules', s.synonymRules, (r) => library.synonymRules(r.state)),
    addSynonym: on('addSynonym', s.addSynonym, (r) => library.addSynonym(r.rule, r.replaces)),
    decideSynonym: on('decideSynonym', s.decideSynonym, (r) => library.decideSynonym(r.ruleId, r.action)),
    importChoose: on('importChoose', s.importChoose, (r) => library.imports.choose(r.format)),
    importText: on('importText', s.importText, (r) => library.imports.dryRun(r.name, r.format, r.text)),
    importSubmit: on('importSubmit', s.importSubmit, (r) => library.imports.submit(r.planId, r.skipBadRows)),
    replaceApproverKey: on('replaceApproverKey', s.replaceApproverKey, () => approverKey.replace()),
    retire: on('retire', s.retire, (r) => library.retirements.retire(r.id, r.locales)),
    unsignedRetirements: on('unsignedRetirements', s.unsignedRetirements, () => library.retirements.unsigned()),
    signRetirements: on('signRetirements', s.signRetirements, (r) => library.retirements.signUnsigned(r.items)),
  } satisfies Record<LibraryChannelKey, RegisteredHandler>;
  return new IpcRouter(Object.values(handlers));
}
