/**
 * The pages' Content-Security-Policy, sent by the app:// protocol handler and by the test harness,
 * and put into every page as a <meta> by the renderer build (renderer/vite.config.ts). No inline
 * script, no eval, no plugins.
 */
const DIRECTIVES = [
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
];

export const CONTENT_SECURITY_POLICY = DIRECTIVES.join('; ');

/** The same as a <meta>: without frame-ancestors, which only a header can carry (Chromium reports it as an error in a meta). */
export const META_CONTENT_SECURITY_POLICY = DIRECTIVES.filter((d) => !d.startsWith('frame-ancestors ')).join('; ');
