import { z } from 'zod';
import { ROLES } from '../../ports/access.ts';

export const jobcenterView = z
  .object({ id: z.string(), name: z.string(), createdAt: z.string() })
  .meta({ id: 'Jobcenter' });

export const tokenView = z
  .object({
    id: z.string(),
    role: z.enum(ROLES),
    jobcenter: z.string().nullable(),
    jobOrderId: z.string().nullable(),
    bundleId: z.string().nullable().meta({ description: 'Role virksomhed: the one bundle the token opens' }),
    nationalScope: z
      .boolean()
      .meta({ description: "Role konsulent: granted shortlists with scope 'all' across every jobcenter" }),
    label: z.string(),
    createdAt: z.string(),
    expiresAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
    lastUsedAt: z.string().nullable(),
  })
  .meta({ id: 'ApiToken' });
export const createdTokenView = tokenView.extend({
  token: z.string().meta({ description: 'The clear token: shown once, store it now' }),
});
