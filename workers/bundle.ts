import type { RuleSet } from '../scoring/eligibility.ts';
import type { Taxonomy } from '../scoring/taxonomy/taxonomy.ts';
import { analyse } from '../scoring/text/analyse.ts';
import { type BundleCandidate, renderBundlePdf } from '../src/bundle/render.ts';
import { evaluateProposal } from '../src/candidacy/proposal.ts';
import type { ShortlistEntry } from '../src/domain/shortlist.ts';
import type { Bundle } from '../src/ports/bundles.ts';
import type { CandidateRecord } from '../src/ports/candidates.ts';
import type { ContactReleaseStore } from '../src/ports/contact-releases.ts';
import type { JobOrderRecord } from '../src/ports/job-orders.ts';
import type { ShortlistStore } from '../src/ports/shortlists.ts';
import type { Stores } from '../src/ports/stores.ts';
import { bundleViewer, sharingRule } from '../src/privacy/sharing.ts';

export interface BundleDeps {
  stores: Pick<
    Stores,
    | 'bundles'
    | 'jobOrders'
    | 'shortlists'
    | 'candidacies'
    | 'candidates'
    | 'contactReleases'
    | 'pools'
    | 'access'
  >;
  loadRuleSet: (name: string) => RuleSet;
  taxonomy: Taxonomy;
}

/** The newest explanation of this candidate for this order: from the latest finished shortlist that has them. */
export async function latestEntries(
  shortlists: ShortlistStore,
  jobOrderId: string,
): Promise<Map<string, ShortlistEntry>> {
  const byCandidate = new Map<string, ShortlistEntry>();
  const lists = (await shortlists.list(jobOrderId)).filter((s) => s.status === 'done');
  lists.sort((a, b) => (a.completedAt ?? '').localeCompare(b.completedAt ?? ''));
  for (const list of lists) for (const e of list.entries) byCandidate.set(e.candidateId, e);
  return byCandidate;
}

function sharesTerm(phrase: string, orderTerms: Set<string>): boolean {
  return analyse(phrase).some((t) => orderTerms.has(t));
}

/**
 * Contact details go into the PDF only when the candidate agreed to direct contact by the company, and, for a
 * candidate of another jobcenter in the pool, only after their home jobcenter released them to the order's one.
 */
async function contactFor(
  record: CandidateRecord,
  order: JobOrderRecord,
  contactReleases: ContactReleaseStore,
): Promise<BundleCandidate['contact']> {
  const c = record.candidate;
  if (c.consent.contactByCompany !== true) return undefined;
  if (
    record.jobcenter !== order.jobcenter &&
    !(await contactReleases.isReleased(record.id, order.jobcenter))
  ) {
    return undefined;
  }
  if (!c.email && !c.phone) return undefined;
  return { email: c.email, phone: c.phone };
}

export async function bundleCandidate(
  record: CandidateRecord,
  order: JobOrderRecord,
  entry: ShortlistEntry | undefined,
  deps: BundleDeps,
): Promise<BundleCandidate> {
  const c = record.candidate;
  const jo = order.jobOrder;
  const explained = entry ?? undefined;
  const evaluation = explained
    ? undefined
    : evaluateProposal(record, jo, deps.loadRuleSet(jo.ruleSet), deps.taxonomy);
  const orderTerms = new Set(
    analyse([jo.title, jo.tasks ?? '', ...jo.mustHave, ...jo.niceToHave].join('\n')),
  );
  // The candidate's own words for what the order asks for; the order's labels only when no listed one matches.
  const relevant: string[] = [];
  const other: string[] = [];
  for (const competence of c.competences) {
    if (sharesTerm(competence, orderTerms)) relevant.push(competence);
    else other.push(competence);
  }
  if (relevant.length === 0) relevant.push(...(explained?.matched ?? evaluation?.matched ?? []));
  return {
    name: c.name,
    relevantCompetences: relevant,
    otherCompetences: other,
    experience: c.experience.map((e) => ({
      title: e.title,
      from: e.from,
      to: e.to,
      description: e.description,
    })),
    educations: c.educations.map((e) => ({ title: e.title, level: e.level })),
    languages: c.languages,
    driversLicences: c.driversLicences,
    weeklyHours: c.weeklyHours ?? null,
    distanceKm: explained?.distanceKm ?? evaluation?.distanceKm ?? null,
    explanation: explained?.explanation ?? evaluation?.explanation ?? '',
    contact: await contactFor(record, order, deps.stores.contactReleases),
  };
}

/**
 * The PDF of these candidates of the bundle, leaving out anyone who is no longer there to send: erased, out of the
 * workflow (declined), or no longer shared with the order's jobcenter. Undefined when nobody is left.
 */
export async function renderBundle(
  bundle: Bundle,
  order: JobOrderRecord,
  candidateIds: readonly string[],
  deps: BundleDeps,
): Promise<{ pdf: Buffer; included: string[] } | undefined> {
  const entries = await latestEntries(deps.stores.shortlists, order.id);
  const sight = await sharingRule(await bundleViewer(bundle, deps.stores), deps.stores);
  const candidates: BundleCandidate[] = [];
  const included: string[] = [];
  for (const id of candidateIds) {
    const wf = await deps.stores.candidacies.get(order.id, id);
    if (!wf || wf.state === 'declined') continue;
    const record = await deps.stores.candidates.get(id);
    if (!record || !sight(record).visible) continue;
    candidates.push(await bundleCandidate(record, order, entries.get(id), deps));
    included.push(id);
  }
  if (candidates.length === 0) return undefined;
  const pdf = await renderBundlePdf({
    bundleId: bundle.id,
    jobOrderTitle: order.jobOrder.title,
    companyName: order.jobOrder.company.name ?? null,
    period: order.jobOrder.period,
    weeklyHours: order.jobOrder.weeklyHours,
    createdAt: bundle.createdAt,
    candidates,
  });
  return { pdf, included };
}

/**
 * The `bundle` job: renders the candidates sent to the company as one PDF. Idempotent: a finished bundle is left
 * as it is. A candidate erased, no longer `sent_to_company` or no longer shared since the bundle was asked for is
 * left out.
 */
export async function runBundleJob(bundleId: string, deps: BundleDeps): Promise<void> {
  const bundle = await deps.stores.bundles.get(bundleId);
  if (!bundle) throw new Error(`bundle ${bundleId} does not exist`);
  if (bundle.status !== 'queued' && bundle.status !== 'rendering') return;
  const order = await deps.stores.jobOrders.get(bundle.jobOrderId);
  if (!order) {
    await deps.stores.bundles.fail(bundleId, 'the job order was deleted');
    return;
  }
  await deps.stores.bundles.markRendering(bundleId);
  const rendered = await renderBundle(bundle, order, bundle.candidateIds, deps);
  if (!rendered) {
    await deps.stores.bundles.fail(bundleId, 'none of the candidates can be sent any more');
    return;
  }
  await deps.stores.bundles.complete(bundleId, rendered.pdf, rendered.included);
}
