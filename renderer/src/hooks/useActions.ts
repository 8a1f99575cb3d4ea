import { useCallback, useState } from 'react';
import type { LastReplyView, SearchHit, TemplateVariable } from '../../../common/ipc-contract';
import { api, call, describeError } from '../api';
import type { TemplateTarget } from '../components/FillForm';
import { primaryKeyLabel } from '../lib/platform';

export type View =
  | { name: 'search' }
  | { name: 'form'; template: TemplateTarget; variables: TemplateVariable[] }
  | { name: 'template-error'; title: string; message: string }
  | { name: 'reader'; hit: SearchHit }
  | { name: 'flag'; hit: SearchHit }
  | { name: 'settings' }
  | { name: 'report-edit'; reply: LastReplyView };

type Notify = (message: string, tone?: 'info' | 'error') => void;

/** What the overlay does with a result: open, fill, insert, copy, follow a link. */
export function useActions(setView: (view: View) => void, notify: Notify) {
  const [busy, setBusy] = useState(false);

  const insert = useCallback(
    async (target: { id: string; locale: string }, values: Record<string, string>, adjustedText?: string): Promise<string | null> => {
      setBusy(true);
      const request = { id: target.id, locale: target.locale, values, ...(adjustedText === undefined ? {} : { adjustedText }) };
      const result = await call(() => api().insertReply(request));
      setBusy(false);
      if (!result.ok) {
        // A template the agent cannot fix from the form (or a broken bridge) is announced here;
        // the form shows the message beside the fields as well.
        if (result.error.code !== 'template_error') notify(`Could not insert the reply: ${describeError(result.error)}`, 'error');
        return describeError(result.error);
      }
      const { delivery, message } = result.value;
      if (delivery === 'copied') notify(message || `Copied — press ${primaryKeyLabel}+V`);
      else if (message) notify(message);
      setView({ name: 'search' });
      return null;
    },
    [notify, setView],
  );

  const activate = useCallback(
    async (hit: SearchHit) => {
      if (hit.kind === 'article') {
        setView({ name: 'reader', hit });
        void call(() => api().recordUse({ id: hit.id, locale: hit.locale }));
        return;
      }
      const prepared = await call(() => api().prepareTemplate({ id: hit.id, locale: hit.locale }));
      if (!prepared.ok) {
        if (prepared.error.code === 'template_error') setView({ name: 'template-error', title: hit.title, message: prepared.error.message });
        else notify(`Could not open the template: ${describeError(prepared.error)}`, 'error');
        return;
      }
      const preparation = prepared.value;
      if (!preparation.ok) {
        setView({ name: 'template-error', title: hit.title, message: preparation.message });
      } else if (preparation.variables.length === 0) {
        const failure = await insert(hit, {});
        if (failure) notify(`Could not insert the reply: ${failure}`, 'error');
      } else {
        setView({ name: 'form', template: { id: hit.id, locale: hit.locale, title: hit.title }, variables: preparation.variables });
      }
    },
    [insert, notify, setView],
  );

  const copyEntry = useCallback(
    async (ref: { id: string; locale: string }) => {
      const result = await call(() => api().copyEntry({ id: ref.id, locale: ref.locale }));
      if (result.ok) notify('Copied to the clipboard');
      else notify(`Could not copy: ${describeError(result.error)}`, 'error');
    },
    [notify],
  );

  const copyReply = useCallback(
    async (ref: { id: string; locale: string }, values: Record<string, string>, adjustedText?: string) => {
      const request = { id: ref.id, locale: ref.locale, values, ...(adjustedText === undefined ? {} : { adjustedText }) };
      const result = await call(() => api().copyReply(request));
      if (result.ok) notify(adjustedText === undefined ? 'Reply copied to the clipboard' : 'Adjusted reply copied to the clipboard');
      else notify(`Could not copy: ${describeError(result.error)}`, 'error');
    },
    [notify],
  );

  const openLink = useCallback(
    async (url: string) => {
      const result = await call(() => api().openLink({ url }));
      if (!result.ok) notify(`Could not open the link: ${describeError(result.error)}`, 'error');
      else if (!result.value.opened) notify('That link was not opened: only https and mailto links are allowed.', 'error');
    },
    [notify],
  );

  return { busy, insert, activate, copyEntry, copyReply, openLink };
}
