/** A template that does not parse: the agent sees why and cannot insert it. */
export function TemplateError({ title, message }: { title: string; message: string }) {
  return (
    <div className="template-error">
      <h2 className="view-title">{title}</h2>
      <div className="error-panel" role="alert">
        <p className="error-title">This template has an error</p>
        <p className="error-detail">{message}</p>
        <p>It cannot be inserted until the knowledge base owner fixes it. Press <kbd>Esc</kbd> to go back.</p>
      </div>
    </div>
  );
}
