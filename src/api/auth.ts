import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { AppContext } from '../context.ts';
import { BOOTSTRAP_TOKEN_ID, type Role, type TokenRecord } from '../ports/access.ts';
import type { SessionRecord } from '../ports/sessions.ts';
import { forbidden, ProblemError, unauthorized } from './problem.ts';

export type Principal = {
  tokenId: string;
  role: 'admin' | 'konsulent' | 'virksomhed';
  jobcenter: string | null;
  jobOrderId: string | null;
  /** A virksomhed token's one bundle. */
  bundleId: string | null;
  /** A konsulent token granted lists across every jobcenter (scope 'all'); admin has it by role. */
  nationalScope: boolean;
  label: string;
};

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the /v1 onRequest hook; routes under /v1 can rely on it. */
    principal: Principal;
  }
}

export { BOOTSTRAP_TOKEN_ID };

const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest();

/** Bearer token of the request, or undefined when there is none (a malformed header counts as none). */
export function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (typeof header !== 'string') return undefined;
  const m = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header);
  return m?.[1];
}

/** The browser session cookie; its value is 32 random bytes, base64url. */
export const SESSION_COOKIE = 'vikarmatch_session';

/** Hex SHA-256: the form a session id is stored and looked up in. */
export const hashSessionId = (id: string) => createHash('sha256').update(id, 'utf8').digest('hex');

/** The session cookie's value, or undefined (a value that cannot be one of ours counts as none). */
export function sessionCookie(request: FastifyRequest): string | undefined {
  const header = request.headers.cookie;
  if (typeof header !== 'string') return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq).trim() !== SESSION_COOKIE) continue;
    const value = part.slice(eq + 1).trim();
    return /^[A-Za-z0-9_-]{20,100}$/.test(value) ? value : undefined;
  }
  return undefined;
}

export interface Authenticated {
  principal: Principal;
  /** Set when the request came with the session cookie rather than a bearer token. */
  session?: SessionRecord;
}

const resolved = new WeakMap<FastifyRequest, Promise<Authenticated | undefined>>();

/**
 * Who the request's bearer token or session cookie belongs to; memoised per request because the rate limiter keys
 * by it before the auth hook runs. A request with an Authorization header is judged by that header alone.
 */
export function resolveAuth(request: FastifyRequest): Promise<Authenticated | undefined> {
  let p = resolved.get(request);
  if (!p) {
    p = lookup(request);
    resolved.set(request, p);
  }
  return p;
}

export async function resolvePrincipal(request: FastifyRequest): Promise<Principal | undefined> {
  return (await resolveAuth(request))?.principal;
}

const bootstrapPrincipal = (): Principal => ({
  tokenId: BOOTSTRAP_TOKEN_ID,
  role: 'admin',
  jobcenter: null,
  jobOrderId: null,
  bundleId: null,
  nationalScope: false,
  label: 'ADMIN_TOKEN',
});

const toPrincipal = (record: TokenRecord): Principal => ({
  tokenId: record.id,
  role: record.role,
  jobcenter: record.jobcenter,
  jobOrderId: record.jobOrderId,
  bundleId: record.bundleId,
  nationalScope: record.nationalScope,
  label: record.label,
});

/**
 * The bootstrap admin has no stored token, so its sessions carry a fingerprint of ADMIN_TOKEN: changing the
 * variable ends them.
 */
const bootstrapSessionTokenId = (adminToken: string) =>
  `${BOOTSTRAP_TOKEN_ID}#${sha256(adminToken).toString('hex').slice(0, 16)}`;

/** The principal of a clear token, with the token's record when it is a stored one (not ADMIN_TOKEN). */
export async function principalForToken(
  ctx: AppContext,
  token: string,
): Promise<{ principal: Principal; sessionTokenId: string; expiresAt: string | null } | undefined> {
  const { config, stores } = ctx;
  if (config.ADMIN_TOKEN) {
    // Hashes first: timingSafeEqual needs equal lengths, and comparing digests does not reveal the length.
    if (timingSafeEqual(sha256(token), sha256(config.ADMIN_TOKEN))) {
      return {
        principal: bootstrapPrincipal(),
        sessionTokenId: bootstrapSessionTokenId(config.ADMIN_TOKEN),
        expiresAt: null,
      };
    }
  }
  const record = await stores.access.authenticate(token);
  if (!record) return undefined;
  return { principal: toPrincipal(record), sessionTokenId: record.id, expiresAt: record.expiresAt };
}

/** The principal a session acts as: its token's, as long as that token still works. */
async function principalForTokenId(ctx: AppContext, tokenId: string): Promise<Principal | undefined> {
  if (tokenId.startsWith(`${BOOTSTRAP_TOKEN_ID}#`)) {
    const admin = ctx.config.ADMIN_TOKEN;
    return admin && bootstrapSessionTokenId(admin) === tokenId ? bootstrapPrincipal() : undefined;
  }
  const record = await ctx.stores.access.getToken(tokenId);
  if (!record || record.revokedAt !== null) return undefined;
  if (record.expiresAt !== null && record.expiresAt <= new Date().toISOString()) return undefined;
  return toPrincipal(record);
}

/** Activity is recorded at most once a minute per session: each request would otherwise be a write. */
const TOUCH_RESOLUTION_MS = 60_000;

/** The live session of a cookie value with its principal; an idle session's expiry moves on. */
export async function sessionFor(ctx: AppContext, id: string): Promise<Authenticated | undefined> {
  const now = new Date();
  const session = await ctx.stores.sessions.get(hashSessionId(id), now);
  if (!session) return undefined;
  const principal = await principalForTokenId(ctx, session.tokenId);
  if (!principal) {
    await ctx.stores.sessions.delete(session.idHash);
    return undefined;
  }
  if (now.getTime() - Date.parse(session.lastSeenAt) >= TOUCH_RESOLUTION_MS) {
    const idle = new Date(now.getTime() + ctx.config.SESSION_IDLE_MINUTES * 60_000).toISOString();
    await ctx.stores.sessions.touch(session.idHash, idle, now);
  }
  return { principal, session };
}

async function lookup(request: FastifyRequest): Promise<Authenticated | undefined> {
  const ctx = request.server.ctx;
  if (request.headers.authorization !== undefined) {
    const token = bearerToken(request);
    const found = token ? await principalForToken(ctx, token) : undefined;
    return found && { principal: found.principal };
  }
  const id = sessionCookie(request);
  return id ? sessionFor(ctx, id) : undefined;
}

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Constant-time: digests first, so neither the length nor a prefix of the expected token leaks. */
export function csrfMatches(sent: unknown, expected: string): boolean {
  return typeof sent === 'string' && timingSafeEqual(sha256(sent), sha256(expected));
}

/**
 * A cookie is sent by the browser whoever made the page, so a state change needs the CSRF token the session's
 * own page was given; a bearer token is never sent by a browser on its own and needs none.
 */
export function checkCsrf(request: FastifyRequest, session: SessionRecord): void {
  if (!UNSAFE_METHODS.has(request.method)) return;
  if (!csrfMatches(request.headers['x-csrf-token'], session.csrfToken)) {
    throw new ProblemError({ code: 'csrf', detail: 'Mangler eller forkert CSRF-token' });
  }
}

/** onRequest hook for everything under /v1: no valid token or session, no entry. */
export async function authenticate(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  const auth = await resolveAuth(request);
  if (!auth) {
    reply.header('www-authenticate', 'Bearer realm="vikarmatch"');
    throw unauthorized(
      bearerToken(request)
        ? 'the token is unknown, expired or revoked'
        : sessionCookie(request)
          ? 'Sessionen er udløbet eller afsluttet: log ind igen'
          : 'send an API token as "Authorization: Bearer <token>"',
    );
  }
  if (auth.session) {
    checkCsrf(request, auth.session);
    // A company's browser session reaches its own bundle and nothing else, whatever a route's roles say.
    if (auth.principal.role === 'virksomhed' && !request.url.startsWith('/v1/company/')) {
      throw forbidden('Et virksomhedslink giver kun adgang til CV-pakken');
    }
  }
  request.principal = auth.principal;
}

/**
 * Only these roles may use the routes: add as an onRequest hook (it then runs before body validation, so a wrong
 * role gets 403 whatever it sent) or as a preHandler of a single route.
 */
export function requireRole(...roles: Role[]): (request: FastifyRequest) => Promise<void> {
  return async (request) => {
    const principal = request.principal;
    if (!principal) throw unauthorized('send an API token as "Authorization: Bearer <token>"');
    if (!roles.includes(principal.role)) {
      throw forbidden(`this route is for ${roles.join(' or ')} tokens; yours is a ${principal.role} token`);
    }
  };
}

/** Whether the principal may see and change this jobcenter's candidates and orders (admin sees all). */
export function ownsJobcenter(principal: Principal, jobcenter: string): boolean {
  if (principal.role === 'admin') return true;
  return principal.role === 'konsulent' && principal.jobcenter === jobcenter;
}

/** Registers the request decoration; the hook itself is added by the /v1 scope in app.ts. */
export const authPlugin = fp(
  async (app) => {
    app.decorateRequest('principal', null as unknown as Principal);
  },
  { name: 'vikarmatch-auth' },
);
