/**
 * The pages' Content-Security-Policy, sent by the app:// protocol handler and by the test harness,
 * and put into every page as a <meta> by the renderer build (renderer/vite.config.ts). No inline
 * script, no eval, no plugins.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-src 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');
