/** Content Security Policy shared by the Electron window and web mode. */
// No inline script, no remote origin, sockets to ourselves only.
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'", // antd injects its CSS-in-JS style tags
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'", // CSP3: 'self' covers the same-origin ws:// socket
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'", // header only: ignored in a <meta> policy
  "form-action 'none'",
].join('; ');
