import { BOOTSTRAP_TOKEN_ID } from '../ports/access.ts';
import type { Bundle } from '../ports/bundles.ts';
import type { CandidateRecord } from '../ports/candidates.ts';
import type { Stores } from '../ports/stores.ts';

/**
 * Who may see a candidate of another jobcenter: the one rule behind every read of a CV, every workflow step and
 * every bundle outside the candidate's home jobcenter. It is evaluated at the moment of the read, never cached on
 * the entry, so a withdrawn consent, an erasure or a jobcenter leaving a pool cuts every other jobcenter off at
 * once while the home jobcenter keeps its own access.
 */

/** Why another jobcenter may not see the candidate (any more). */
export type HiddenReason = 'consent_withdrawn' | 'erased' | 'no_pool';

export interface Viewer {
  /** The jobcenter that reads: the job order's. */
  jobcenter: string;
  /** An explicit national grant: reach every jobcenter's sharing candidates, not only the pool partners'. */
  national: boolean;
}

export type Sight = { visible: true; home: boolean } | { visible: false; reason: HiddenReason };

export type SharingStores = Pick<Stores, 'pools'>;

/** The rule with the viewer's pool partners looked up once, for paths that check many candidates. */
export async function sharingRule(
  viewer: Viewer,
  stores: SharingStores,
): Promise<(record: CandidateRecord | undefined) => Sight> {
  const partners = new Set(await stores.pools.partnersOf(viewer.jobcenter));
  return (record) => {
    if (!record) return { visible: false, reason: 'erased' };
    if (record.jobcenter === viewer.jobcenter) return { visible: true, home: true };
    const consent = record.candidate.consent;
    if (!consent.searchable || !consent.shareWithPool) return { visible: false, reason: 'consent_withdrawn' };
    if (partners.has(record.jobcenter) || viewer.national) return { visible: true, home: false };
    return { visible: false, reason: 'no_pool' };
  };
}

export async function mayOtherJobcenterSee(
  record: CandidateRecord | undefined,
  viewer: Viewer,
  stores: SharingStores,
): Promise<Sight> {
  return (await sharingRule(viewer, stores))(record);
}

/** What a refused or hidden read says, without any personal data. */
export function hiddenDetail(reason: HiddenReason, viewerJobcenter: string): string {
  switch (reason) {
    case 'consent_withdrawn':
      return (
        "the candidate's consent to being shared with other jobcentre was withdrawn; only their home jobcenter " +
        'can see or move them now'
      );
    case 'erased':
      return 'the candidate was erased';
    case 'no_pool':
      return `the candidate's home jobcenter shares no pool with jobcenter ${viewerJobcenter} (any more)`;
  }
}

/**
 * Whose eyes a bundle is for: the order's jobcenter, with the national grant of the token that made it (admin has
 * it by role). The company sees through those eyes, so a withdrawal hides the person from it too.
 */
export async function bundleViewer(
  bundle: Pick<Bundle, 'jobcenter' | 'createdBy'>,
  stores: Pick<Stores, 'access'>,
): Promise<Viewer> {
  if (bundle.createdBy === BOOTSTRAP_TOKEN_ID) return { jobcenter: bundle.jobcenter, national: true };
  const maker = await stores.access.getToken(bundle.createdBy);
  const national = maker !== undefined && (maker.role === 'admin' || maker.nationalScope);
  return { jobcenter: bundle.jobcenter, national };
}
