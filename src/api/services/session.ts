import { randomBytes } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.ts';
import type { SessionRecord } from '../../ports/sessions.ts';
import {
  checkCsrf,
  hashSessionId,
  type Principal,
  principalForToken,
  SESSION_COOKIE,
  sessionCookie,
  sessionFor,
} from '../auth.ts';
import { forbidden, unauthorized } from '../problem.ts';

const MINUTE_MS = 60_000;

/** Secure only over TLS, which request.protocol reports from X-Forwarded-Proto when TRUST_PROXY trusts the hop. */
function cookieAttributes(request: FastifyRequest, maxAgeSeconds: number): string {
  const secure = request.protocol === 'https' ? '; Secure' : '';
  return `Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAgeSeconds}${secure}`;
}

export function clearSessionCookie(request: FastifyRequest, reply: FastifyReply): void {
  reply.header('set-cookie', `${SESSION_COOKIE}=; ${cookieAttributes(request, 0)}`);
}

/** Starts a session for the token and sets its cookie; it ends at the TTL or the token's own expiry, if sooner. */
async function startSession(
  ctx: AppContext,
  request: FastifyRequest,
  reply: FastifyReply,
  tokenId: string,
  tokenExpiresAt: string | null,
): Promise<SessionRecord> {
  // A session fixed by someone else (a cookie planted before log-in) is never carried over: log-in ends it.
  const old = sessionCookie(request);
  if (old) await ctx.stores.sessions.delete(hashSessionId(old));
  const now = Date.now();
  const ttlEnd = now + ctx.config.SESSION_TTL_MINUTES * MINUTE_MS;
  const expiresAt = new Date(tokenExpiresAt ? Math.min(ttlEnd, Date.parse(tokenExpiresAt)) : ttlEnd);
  const id = randomBytes(32).toString('base64url');
  const session = await ctx.stores.sessions.create({
    idHash: hashSessionId(id),
    tokenId,
    csrfToken: randomBytes(32).toString('base64url'),
    expiresAt: expiresAt.toISOString(),
    idleExpiresAt: new Date(now + ctx.config.SESSION_IDLE_MINUTES * MINUTE_MS).toISOString(),
  });
  const maxAge = Math.max(0, Math.floor((expiresAt.getTime() - now) / 1000));
  reply.header('set-cookie', `${SESSION_COOKIE}=${id}; ${cookieAttributes(request, maxAge)}`);
  // Sessions are few and short; clearing the expired ones at each log-in keeps the table small without a job.
  await ctx.stores.sessions.purgeExpired();
  return session;
}

export const principalOut = (p: Principal) => ({
  tokenId: p.tokenId,
  role: p.role,
  jobcenter: p.jobcenter,
  label: p.label,
  nationalScope: p.nationalScope,
  bundleId: p.bundleId,
});

const sessionOut = (principal: Principal, session: SessionRecord) => ({
  principal: principalOut(principal),
  csrfToken: session.csrfToken,
  expiresAt: session.expiresAt,
});

/** Konsulent and admin log-in: the token for a cookie. Companies use their link instead. */
export async function logIn(
  ctx: AppContext,
  request: FastifyRequest,
  reply: FastifyReply,
  token: string | undefined,
) {
  const found = token ? await principalForToken(ctx, token) : undefined;
  if (!found) throw unauthorized('Adgangsnøglen er ukendt, udløbet eller tilbagekaldt');
  if (found.principal.role === 'virksomhed') {
    throw forbidden('En virksomhed logger ind med det link, den har fået tilsendt, ikke her');
  }
  const session = await startSession(ctx, request, reply, found.sessionTokenId, found.expiresAt);
  return sessionOut(found.principal, session);
}

/** The company's link secret for a cookie bound to the link's one CV-pakke. */
export async function companyLogIn(
  ctx: AppContext,
  request: FastifyRequest,
  reply: FastifyReply,
  secret: string | undefined,
) {
  const found = secret ? await principalForToken(ctx, secret) : undefined;
  if (!found) throw unauthorized('Linket er ukendt, udløbet eller lukket. Bed jobcentret om et nyt.');
  const { principal } = found;
  if (principal.role !== 'virksomhed' || !principal.bundleId) {
    throw forbidden('Det er ikke et virksomhedslink til en CV-pakke');
  }
  const session = await startSession(ctx, request, reply, found.sessionTokenId, found.expiresAt);
  return {
    bundleId: principal.bundleId,
    expiresAt: found.expiresAt ?? session.expiresAt,
    csrfToken: session.csrfToken,
  };
}

export async function currentSession(ctx: AppContext, request: FastifyRequest) {
  const id = sessionCookie(request);
  const found = id ? await sessionFor(ctx, id) : undefined;
  if (!found?.session) throw unauthorized('Ingen aktiv session: log ind');
  return sessionOut(found.principal, found.session);
}

/** Ends the session server-side, so a copy of the cookie stops working too. */
export async function logOut(ctx: AppContext, request: FastifyRequest, reply: FastifyReply) {
  const id = sessionCookie(request);
  const found = id ? await sessionFor(ctx, id) : undefined;
  if (!found?.session) throw unauthorized('Ingen aktiv session');
  checkCsrf(request, found.session);
  await ctx.stores.sessions.delete(found.session.idHash);
  clearSessionCookie(request, reply);
}
