import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from './helpers.ts';

const PAGE = { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' };
const INDEX =
  '<!doctype html><html lang="da"><head><script type="module" src="/assets/app-1a2b.js"></script></head><body><div id="root"></div></body></html>';

describe('the web app at /', () => {
  let t: TestApi;
  let dist: string;
  beforeAll(async () => {
    dist = fs.mkdtempSync(path.join(os.tmpdir(), 'vm-web-'));
    fs.mkdirSync(path.join(dist, 'assets'));
    fs.writeFileSync(path.join(dist, 'index.html'), INDEX);
    fs.writeFileSync(path.join(dist, 'assets', 'app-1a2b.js'), 'console.log("app")');
    fs.writeFileSync(path.join(dist, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    t = await createTestApi({ env: { WEB_DIST_DIR: dist } });
  });
  afterAll(async () => {
    await t?.close();
    fs.rmSync(dist, { recursive: true, force: true });
  });

  it('serves index.html at / and for the screens of the app (SPA fallback)', async () => {
    for (const url of ['/', '/oversigt', '/jobordrer/123?tab=liste', '/virksomhed']) {
      const res = await t.app.inject({ method: 'GET', url, headers: PAGE });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type'], url).toContain('text/html');
      expect(res.body, url).toBe(INDEX);
      expect(res.headers['cache-control']).toBe('no-cache');
    }
  });

  it('serves the built files as they are, the hashed assets cached for good', async () => {
    const js = await t.app.inject({ method: 'GET', url: '/assets/app-1a2b.js', headers: { accept: '*/*' } });
    expect(js.statusCode).toBe(200);
    expect(js.headers['content-type']).toContain('javascript');
    expect(js.body).toBe('console.log("app")');
    expect(js.headers['cache-control']).toContain('immutable');
    const icon = await t.app.inject({
      method: 'GET',
      url: '/favicon.svg',
      headers: { accept: 'image/*,*/*' },
    });
    expect(icon.statusCode).toBe(200);
    expect(icon.headers['content-type']).toContain('image/svg+xml');
  });

  it('answers a missing file with 404, and never serves outside the build directory', async () => {
    expect(
      (await t.app.inject({ method: 'GET', url: '/assets/gone-0000.js', headers: { accept: '*/*' } }))
        .statusCode,
    ).toBe(404);
    const malformed = await t.app.inject({ method: 'GET', url: '/%E0%A4%A', headers: PAGE });
    expect(malformed.statusCode).toBe(400);
    for (const url of ['/../package.json', '/%2e%2e/package.json', '/assets/%2e%2e/%2e%2e/package.json']) {
      const res = await t.app.inject({ method: 'GET', url, headers: PAGE });
      expect(res.statusCode, url).toBe(404);
    }
  });

  it('answers an API client (no Accept, or JSON only) at an unknown path with the problem 404', async () => {
    for (const headers of [{}, { accept: 'application/json' }]) {
      const res = await t.app.inject({ method: 'GET', url: '/v2/nothing', headers });
      expect(res.statusCode).toBe(404);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
    const curl = await t.app.inject({ method: 'GET', url: '/', headers: { accept: '*/*' } });
    expect(curl.body).toBe(INDEX);
  });

  it('leaves /v1, /docs, /health and /admin to the API', async () => {
    for (const url of ['/v1/nothing-here', '/health/nothing', '/admin/nothing', '/docs/nothing-here']) {
      const res = await t.app.inject({ method: 'GET', url, headers: PAGE });
      expect(res.statusCode, url).toBe(404);
      expect(res.headers['content-type'], url).toContain('application/problem+json');
    }
    expect((await t.app.inject({ method: 'GET', url: '/health/live' })).statusCode).toBe(200);
    expect((await t.call(t.tokens.a, { method: 'GET', url: '/v1/job-orders' })).statusCode).toBe(200);
  });

  it('sets a CSP that lets the app load from its own origin but runs no inline script', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/', headers: PAGE });
    const csp = String(res.headers['content-security-policy']);
    const directive = (name: string) =>
      csp
        .split(';')
        .map((d) => d.trim())
        .find((d) => d.startsWith(`${name} `));
    expect(directive('script-src')).toBe("script-src 'self'");
    expect(directive('style-src')).toBe("style-src 'self'");
    expect(directive('font-src')).toBe("font-src 'self' data:");
    expect(directive('img-src')).toContain("img-src 'self' data:");
    expect(directive('default-src')).toBe("default-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('upgrade-insecure-requests');
    // The other security headers stay.
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['strict-transport-security']).toBeDefined();
  });
});

describe('the web app when it is not built', () => {
  let t: TestApi;
  beforeAll(async () => {
    t = await createTestApi({ env: { WEB_DIST_DIR: path.join(os.tmpdir(), 'vm-web-does-not-exist') } });
  });
  afterAll(async () => t?.close());

  it('answers / with a Danish page that says how to build it, never a 500', async () => {
    for (const url of ['/', '/oversigt']) {
      const res = await t.app.inject({ method: 'GET', url, headers: PAGE });
      expect(res.statusCode, url).toBe(503);
      expect(res.headers['content-type']).toContain('text/html');
      expect(res.body).toContain('lang="da"');
      expect(res.body).toContain('Web-appen er ikke bygget');
      expect(res.body).toContain('npm run build:web');
    }
    expect((await t.app.inject({ method: 'GET', url: '/v1/nothing' })).headers['content-type']).toContain(
      'application/problem+json',
    );
  });
});
