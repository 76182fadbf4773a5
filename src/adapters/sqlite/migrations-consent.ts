import type { Migration } from './migration.ts';

/**
 * Token grants that narrow or widen what a token reaches: a company token bound to one CV-pakke, and the explicit
 * national scope of a konsulent token. Spread into MIGRATIONS after the workflow tables (the backfill reads them).
 */
export const CONSENT_MIGRATIONS: readonly Migration[] = [
  {
    version: 20,
    name: 'token bundle binding and national scope',
    sql: `
      ALTER TABLE api_tokens ADD COLUMN bundle_id TEXT;
      ALTER TABLE api_tokens ADD COLUMN national_scope INTEGER NOT NULL DEFAULT 0;
      -- Company tokens made before the binding were each made for one bundle, which recorded the token.
      UPDATE api_tokens SET bundle_id = (SELECT b.id FROM bundles b WHERE b.token_id = api_tokens.id)
        WHERE role = 'virksomhed';
      CREATE INDEX api_tokens_bundle ON api_tokens (bundle_id) WHERE bundle_id IS NOT NULL;
    `,
  },
];
