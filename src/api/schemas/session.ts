import { z } from 'zod';
import { ROLES } from '../../ports/access.ts';

export const sessionPrincipal = z
  .object({
    tokenId: z.string(),
    role: z.enum(ROLES),
    jobcenter: z.string().nullable(),
    label: z.string(),
    nationalScope: z.boolean(),
    bundleId: z.string().nullable().meta({ description: "A company session's one CV-pakke; else null" }),
  })
  .meta({ id: 'SessionPrincipal' });

export const sessionView = z
  .object({
    principal: sessionPrincipal,
    csrfToken: z.string().meta({
      description:
        'Send as the X-CSRF-Token header with every POST, PUT, PATCH and DELETE made with the cookie',
    }),
    expiresAt: z
      .string()
      .meta({ description: 'When the session ends at the latest (it also ends when idle)' }),
  })
  .meta({ id: 'Session' });

export const sessionRequest = z.object({
  token: z
    .string()
    .min(1)
    .max(500)
    .optional()
    .meta({ description: 'A konsulent or admin API token (or send it as Authorization: Bearer)' }),
});

export const companySessionRequest = z.object({
  secret: z
    .string()
    .min(1)
    .max(500)
    .optional()
    .meta({ description: 'The part after # in the company link (or send it as Authorization: Bearer)' }),
});

export const companySessionView = z
  .object({
    bundleId: z.string(),
    expiresAt: z.string().meta({ description: 'When the link stops working' }),
    csrfToken: z.string(),
  })
  .meta({ id: 'CompanySession' });
