import fs from 'node:fs';
import { expect, it } from 'vitest';
import { generateApiTypes, SCHEMA_FILE } from '../../scripts/web-api-types.ts';

it('the web client types are the ones the current server documents (run `npm run web:api-types` after an API change)', async () => {
  const committed = fs.readFileSync(SCHEMA_FILE, 'utf8');
  const current = await generateApiTypes();
  // A plain equality keeps a drift's message short: the whole file in a diff would drown the hint above.
  expect(
    committed === current,
    'web/src/api/schema.d.ts differs from /docs/json; run `npm run web:api-types`',
  ).toBe(true);
});
