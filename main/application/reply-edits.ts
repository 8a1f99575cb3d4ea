/**
 * How much an agent edits a template's reply (issue #18), from what the app itself sees — never by
 * reading other apps:
 * - the text they adjusted before inserting or copying it ("Adjust before insert");
 * - for EDIT_REPORT_WINDOW_MS after an insert or copy, the reply as they finally sent it, which
 *   they paste back into the overlay ("Report my edit").
 * Each insert or copy counts one edit: a later report replaces the earlier ratio (the signal
 * store holds it until the window closes). The ratio is taken against the reply the template
 * rendered with the agent's values, so a report after an adjusted insert measures the whole
 * change from the approved wording, not only the part made after pasting.
 *
 * The texts stay in this object's memory for the last use only, and only until its window
 * closes: they are never stored, logged or sent — only the ratio is.
 */
import type { EditReport, LastReplyView, RenderedReply } from '../../common/ipc-contract';
import { stripInvisibleControls } from '../../common/text/strip-controls';
import { DomainError } from '../core/domain-error';
import { editRatio } from '../signals/edit-ratio';
import { EDIT_REPORT_WINDOW_MS, type EditedUse } from '../signals/signal-recorder';

export interface ReplyEditsDeps {
  /** Counts an edit (main/signals/signal-recorder.ts); absent in the CLI. */
  signals?: { edited(use: EditedUse, ratio: number): Promise<void> };
  /** Usage reporting is on (Settings → What Cuecard reports). */
  enabled: () => boolean;
  now: () => Date;
  newId: () => string;
}

interface DeliveredReply {
  use: EditedUse;
  title: string;
  delivery: 'inserted' | 'copied';
  /** What the template rendered with the agent's values (the approved wording) and what Cuecard pasted or copied; null once the window closed. */
  texts: { rendered: string; sent: string } | null;
}

const WINDOW_MINUTES = EDIT_REPORT_WINDOW_MS / 60_000;

/**
 * The reply to deliver for `adjustedText` (the agent's "Adjust before insert" text, or undefined):
 * plain text stripped of bidi and zero-width controls, as every clipboard write; refused when empty.
 */
export function adjustedReply(rendered: RenderedReply, adjustedText: string | undefined, verb: 'insert' | 'copy'): { reply: RenderedReply; adjusted: boolean } {
  if (adjustedText === undefined) return { reply: rendered, adjusted: false };
  const text = stripInvisibleControls(adjustedText);
  if (text.trim() === '') throw new DomainError('invalid_input', `The adjusted reply is empty: there is nothing to ${verb}.`);
  return { reply: text === rendered.text ? rendered : { text, html: null }, adjusted: true };
}

export class ReplyEdits {
  private last: DeliveredReply | null = null;

  constructor(private readonly deps: ReplyEditsDeps) {}

  /** A template's reply went out (inserted or copied); an adjusted one counts its edit now. */
  async delivered(reply: { id: string; locale: string; title: string; delivery: 'inserted' | 'copied'; rendered: string; sent: string; adjusted: boolean }): Promise<void> {
    const use: EditedUse = { useId: this.deps.newId(), id: reply.id, locale: reply.locale, at: this.deps.now() };
    this.last = { use, title: reply.title, delivery: reply.delivery, texts: { rendered: reply.rendered, sent: reply.sent } };
    if (reply.adjusted) await this.deps.signals?.edited(use, editRatio(reply.rendered, reply.sent));
  }

  /** The last reply while its edit can still be reported (and reporting is on), else null. */
  lastReply(): LastReplyView | null {
    const last = this.open();
    if (!last?.texts || !this.deps.enabled()) return null;
    return {
      id: last.use.id,
      locale: last.use.locale,
      title: last.title,
      delivery: last.delivery,
      text: last.texts.sent,
      until: new Date(last.use.at.getTime() + EDIT_REPORT_WINDOW_MS).toISOString(),
    };
  }

  /** The agent's reply as they sent it: its edit ratio replaces the last use's. */
  async reportEdit(text: string): Promise<EditReport> {
    if (!this.deps.enabled()) {
      throw new DomainError('invalid_input', 'Usage reporting is off (Settings → What Cuecard reports): an edit is not reported.');
    }
    const last = this.open();
    if (!last) throw new DomainError('invalid_input', 'There is no inserted or copied reply to report an edit for.');
    if (!last.texts) {
      throw new DomainError('invalid_input', `“${last.title}” went out more than ${WINDOW_MINUTES} minutes ago: its edit can no longer be reported.`);
    }
    const sent = stripInvisibleControls(text);
    if (sent.trim() === '') throw new DomainError('invalid_input', 'Paste the reply as you sent it first: the field is empty.');
    const ratio = editRatio(last.texts.rendered, sent);
    await this.deps.signals?.edited(last.use, ratio);
    return {
      id: last.use.id,
      locale: last.use.locale,
      ratio,
      message: `Edit reported for “${last.title}”: ${Math.round(ratio * 100)}% changed. Only this number is sent, not the text.`,
    };
  }

  /** The last use; once its window has closed its texts are forgotten (null). */
  private open(): DeliveredReply | null {
    if (this.last && this.deps.now().getTime() - this.last.use.at.getTime() > EDIT_REPORT_WINDOW_MS) this.last.texts = null;
    return this.last;
  }
}
