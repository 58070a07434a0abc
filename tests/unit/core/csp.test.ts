import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../../src/main/web/csp';

const directives = (policy: string) =>
  new Set(policy.split(';').map((d) => d.trim()).filter(Boolean));

describe('content security policy', () => {
  it('is the same in the page meta tag (what Electron file:// pages enforce) and the web host header', () => {
    const html = fs.readFileSync('src/renderer/index.html', 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    expect(meta).toBeDefined();
    const header = directives(CONTENT_SECURITY_POLICY);
    header.delete("frame-ancestors 'none'"); // not allowed in a meta policy
    expect(directives(meta!)).toEqual(header);
  });

  it('allows no inline or remote script and no foreign connections', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|script-src[^;]*unsafe-inline|https?:\/\//);
    expect(CONTENT_SECURITY_POLICY).toContain("connect-src 'self'");
  });
});
