import { describeError } from '../api';
import type { ReplyState } from '../hooks/useRenderedReply';
import { RichContent } from './RichContent';

/** Live preview of the filled reply, exactly as main renders it for insertion. */
export function ReplyPreview({ state, onOpenLink }: { state: ReplyState; onOpenLink: (url: string) => void }) {
  return (
    <section className="reply-preview" aria-labelledby="cuecard-reply-preview-heading" aria-busy={state.status === 'pending'}>
      <h3 id="cuecard-reply-preview-heading" className="section-heading">
        Preview
      </h3>
      {state.status === 'failed' &&
        (state.error.code === 'template_error' ? (
          // Usually "Fill in …" while the agent is still typing: a hint, not an alarm.
          <p className="muted">{describeError(state.error)}</p>
        ) : (
          <p className="error" role="alert">
            The reply could not be rendered: {describeError(state.error)}
          </p>
        ))}
      {state.status === 'rendered' &&
        (state.reply.html !== null ? (
          <RichContent className="reply-body" html={state.reply.html} onOpenLink={onOpenLink} />
        ) : (
          <pre className="reply-body reply-text">{state.reply.text}</pre>
        ))}
    </section>
  );
}
