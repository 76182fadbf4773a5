import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyReply } from 'fastify';
import fp from 'fastify-plugin';

/** The web app's build in the installation: web/dist next to src/. */
export const DEFAULT_WEB_DIST_DIR = fileURLToPath(new URL('../../../web/dist', import.meta.url));

/** Paths that belong to the API, its documentation and the operators' pages: never answered with the app. */
const NOT_THE_APP = /^\/(v1|docs|health|admin)(\/|$)/;

const NOT_BUILT_PAGE = `<!doctype html>
<html lang="da">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Vikarmatch: web-appen er ikke bygget</title>
</head>
<body>
<main>
<h1>Web-appen er ikke bygget</h1>
<p>API'et kører, men filerne til web-appen findes ikke på serveren.</p>
<p>Byg dem med <code>npm run build:web</code> i Vikarmatch-mappen, og genstart serveren.</p>
<p>API'et og dets dokumentation findes på <a href="/docs">/docs</a>.</p>
</main>
</body>
</html>
`;

/**
 * A browser asks for a page (text/html, or anything at all like curl); an API client that asks for nothing in
 * particular, or for JSON, gets the problem 404 of an unknown route instead of an HTML page.
 */
function wantsPage(accept: string | undefined): boolean {
  return accept !== undefined && /(^|,)\s*(text\/html|\*\/\*)\s*(;|,|$)/i.test(accept);
}

function isFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

/**
 * The built web app at /: its files as they are, and index.html for every other GET outside the API, so a
 * bookmarked screen (/jobordrer/123) opens the app, which then routes itself. Without a build, a page that says
 * how to make one.
 */
export const webAppPlugin = fp(
  async (app) => {
    const root = path.resolve(app.ctx.config.WEB_DIST_DIR ?? DEFAULT_WEB_DIST_DIR);
    const built = existsSync(path.join(root, 'index.html'));
    // In a scope of its own: reply.sendFile stays private to this route, so other plugins (the queue dashboard)
    // can register @fastify/static for themselves.
    await app.register(async (scope) => {
      if (built) {
        // serve: false: only reply.sendFile; the one route below decides what a path means.
        await scope.register(fastifyStatic, { root, serve: false, cacheControl: false });
      }

      const sendIndex = (reply: FastifyReply) =>
        // The app's entry must be fetched anew after a deployment; the files it names carry a content hash.
        reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8').sendFile('index.html');

      scope.get('/*', {
        schema: { hide: true },
        handler: async (request, reply) => {
          let pathname: string;
          try {
            pathname = decodeURIComponent(request.url.split('?')[0] ?? '/');
          } catch {
            return reply.callNotFound();
          }
          if (NOT_THE_APP.test(pathname) || !wantsPage(request.headers.accept)) return reply.callNotFound();
          if (!built) {
            return reply
              .code(503)
              .type('text/html; charset=utf-8')
              .header('cache-control', 'no-store')
              .send(NOT_BUILT_PAGE);
          }
          const relative = pathname.replace(/^\/+/, '');
          const file = path.resolve(root, relative);
          const inside = file === root || file.startsWith(root + path.sep);
          if (relative !== '' && inside && relative !== 'index.html' && isFile(file)) {
            if (relative.startsWith('assets/'))
              reply.header('cache-control', 'public, max-age=31536000, immutable');
            return reply.sendFile(relative);
          }
          // A path that names a file (it has an extension) and is not there is a 404, not the app: a missing script
          // answered with HTML fails in a way nobody can read.
          if (/\.[a-z0-9]+$/i.test(pathname)) return reply.callNotFound();
          return sendIndex(reply);
        },
      });
    });
  },
  { name: 'vikarmatch-web-app', dependencies: ['vikarmatch-context'] },
);
