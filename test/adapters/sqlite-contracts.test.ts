import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import { SqliteCandidateChanges } from '../../src/adapters/sqlite/candidate-changes.ts';
import type { SqliteDatabase } from '../../src/adapters/sqlite/connection.ts';
import { openSqliteStores } from '../../src/adapters/sqlite/stores.ts';
import { accessStoreContract } from '../ports/access.contract.ts';
import { auditLogContract } from '../ports/audit.contract.ts';
import { bundleStoreContract } from '../ports/bundles.contract.ts';
import { candidacyStoreContract } from '../ports/candidacies.contract.ts';
import { candidateStoreContract } from '../ports/candidates.contract.ts';
import { candidateChangeFeedContract } from '../ports/change-feed.contract.ts';
import { contactReleaseStoreContract } from '../ports/contact-releases.contract.ts';
import { storeDatabaseContract } from '../ports/database.contract.ts';
import { candidateErasureContract } from '../ports/erasure.contract.ts';
import type { StoresFactory } from '../ports/harness.ts';
import { importRunStoreContract } from '../ports/import-runs.contract.ts';
import { jobOrderStoreContract } from '../ports/job-orders.contract.ts';
import { overviewReadModelContract } from '../ports/overview.contract.ts';
import { placementStoreContract } from '../ports/placements.contract.ts';
import { poolStoreContract } from '../ports/pools.contract.ts';
import { sessionStoreContract } from '../ports/sessions.contract.ts';
import { shortlistStoreContract } from '../ports/shortlists.contract.ts';
import { statsReadModelContract } from '../ports/stats.contract.ts';

const CPR_KEY = Buffer.from('test-key-for-the-cpr-hmac-0123456789', 'utf8');
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'vm-contracts-'));
let n = 0;

afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

/** Every store on a new SQLite file per test: the same factory shape a PostgreSQL adapter gives the suites. */
const sqlite: StoresFactory = {
  async open() {
    n += 1;
    const opened = openSqliteStores({ file: path.join(root, `db-${n}.sqlite`), cprKey: CPR_KEY });
    await opened.database.migrate();
    return opened;
  },
};

storeDatabaseContract('sqlite', sqlite);
candidateStoreContract('sqlite', sqlite);
jobOrderStoreContract('sqlite', sqlite);
shortlistStoreContract('sqlite', sqlite);
importRunStoreContract('sqlite', sqlite);
candidacyStoreContract('sqlite', sqlite);
bundleStoreContract('sqlite', sqlite);
poolStoreContract('sqlite', sqlite);
placementStoreContract('sqlite', sqlite);
auditLogContract('sqlite', sqlite);
contactReleaseStoreContract('sqlite', sqlite);
accessStoreContract('sqlite', sqlite);
statsReadModelContract('sqlite', sqlite);
candidateErasureContract('sqlite', sqlite);
sessionStoreContract('sqlite', sqlite);
overviewReadModelContract('sqlite', sqlite);
candidateChangeFeedContract('sqlite', {
  ...sqlite,
  feed: (opened) => new SqliteCandidateChanges((opened.database as SqliteDatabase).connection),
});
