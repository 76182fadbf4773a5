import type { AppContext } from '../../context.ts';
import type { CandidateRecord } from '../../ports/candidates.ts';
import type { Sight } from '../../privacy/sharing.ts';
import type { Principal } from '../auth.ts';
import { hasNationalScope, listScope, sharingRule } from './tenancy.ts';

type Deps = Pick<AppContext, 'stores'>;

const RECENT_DAYS = 14;
const LIMIT = 50;

/**
 * The konsulent's front page: their jobcenter's orders and what is waiting on whom. A candidate is named only
 * where the order's jobcenter may still see them (a pool partner's person who withdrew consent is not).
 */
export async function overview(deps: Deps, principal: Principal, requested: string | undefined) {
  const jobcenter = listScope(principal, requested, 'the overview');
  const now = new Date();
  const data = await deps.stores.overview.overview({
    jobcenter,
    today: now.toISOString().slice(0, 10),
    choicesSince: new Date(now.getTime() - RECENT_DAYS * 24 * 60 * 60 * 1000).toISOString(),
    limit: LIMIT,
  });

  const rules = new Map<string, (record: CandidateRecord | undefined) => Sight>();
  const national = hasNationalScope(principal);
  const person = async (orderJobcenter: string, candidateId: string) => {
    let rule = rules.get(orderJobcenter);
    if (!rule) {
      rule = await sharingRule({ jobcenter: orderJobcenter, national }, deps.stores);
      rules.set(orderJobcenter, rule);
    }
    const record = await deps.stores.candidates.get(candidateId);
    const seen = rule(record).visible && record;
    return {
      candidateId,
      externalId: seen ? seen.externalId : null,
      name: seen ? (seen.candidate.name ?? null) : null,
    };
  };

  const awaitingReply = [];
  for (const a of data.awaitingReply) {
    awaitingReply.push({ ...a, ...(await person(a.orderJobcenter, a.candidateId)) });
  }
  const recentChoices = [];
  for (const c of data.recentChoices) {
    recentChoices.push({ ...c, ...(await person(c.orderJobcenter, c.candidateId)) });
  }
  return { ...data, awaitingReply, recentChoices };
}
