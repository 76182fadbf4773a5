import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { BOOTSTRAP_TOKEN_ID, type Role } from '../ports/access.ts';
import { forbidden, unauthorized } from './problem.ts';

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

const resolved = new WeakMap<FastifyRequest, Promise<Principal | undefined>>();

/**
 * Who the request's token belongs to; memoised per request because the rate limiter keys by it before the auth
 * hook runs.
 */
export function resolvePrincipal(request: FastifyRequest): Promise<Principal | undefined> {
  let p = resolved.get(request);
  if (!p) {
    p = lookup(request);
    resolved.set(request, p);
  }
  return p;
}

async function lookup(request: FastifyRequest): Promise<Principal | undefined> {
  const token = bearerToken(request);
  if (!token) return undefined;
  const { config, stores } = request.server.ctx;
  if (config.ADMIN_TOKEN) {
    // Hashes first: timingSafeEqual needs equal lengths, and comparing digests does not reveal the length.
    if (timingSafeEqual(sha256(token), sha256(config.ADMIN_TOKEN))) {
      return {
        tokenId: BOOTSTRAP_TOKEN_ID,
        role: 'admin',
        jobcenter: null,
        jobOrderId: null,
        bundleId: null,
        nationalScope: false,
        label: 'ADMIN_TOKEN',
      };
    }
  }
  const record = await stores.access.authenticate(token);
  if (!record) return undefined;
  return {
    tokenId: record.id,
    role: record.role,
    jobcenter: record.jobcenter,
    jobOrderId: record.jobOrderId,
    bundleId: record.bundleId,
    nationalScope: record.nationalScope,
    label: record.label,
  };
}

/** onRequest hook for everything under /v1: no valid token, no entry. */
export async function authenticate(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  const principal = await resolvePrincipal(request);
  if (!principal) {
    reply.header('www-authenticate', 'Bearer realm="vikarmatch"');
    throw unauthorized(
      bearerToken(request)
        ? 'the token is unknown, expired or revoked'
        : 'send an API token as "Authorization: Bearer <token>"',
    );
  }
  request.principal = principal;
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
