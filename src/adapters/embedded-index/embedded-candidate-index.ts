import { copySituation } from '../../../scoring/facts.ts';
import { haversineKm } from '../../../scoring/geo.ts';
import { profileFromTerms } from '../../../scoring/profile.ts';
import type { CandidateFacts } from '../../../scoring/query.ts';
import { Vocabulary } from '../../../scoring/vocabulary.ts';
import type {
  CandidateIndex,
  IndexDocument,
  Retrieval,
  RetrievalQuery,
} from '../../ports/candidate-index.ts';
import type { CandidateSearchFacts } from '../../ports/candidates.ts';
import { GeoGrid } from './grid.ts';

/** One shared empty list for the many candidates without schemes, licences or unavailable periods. */
const NONE = Object.freeze([]) as unknown as string[];

/** The per-candidate facts that are not hot enough to deserve a typed column of their own. */
interface SlotMeta {
  id: string;
  externalId: string;
  jobcenter: string;
  /** Without the term strings: those live interned in the pools, and keeping them would triple the memory. */
  facts: Omit<CandidateSearchFacts, 'terms' | 'concepts' | 'taxonomyVersion'>;
}

/**
 * In-process CandidateIndex: the embedded default. Candidates live in slots; each slot's terms sit in one pooled
 * Uint32Array (plus weights), so a million candidates cost a few hundred MB and retrieval allocates nothing per
 * candidate. Updates append a new slot and tombstone the old one; compaction reclaims space when a third is dead.
 */
export class EmbeddedCandidateIndex implements CandidateIndex {
  readonly name = 'embedded';
  private vocabulary = new Vocabulary();
  private grid = new GeoGrid();
  private meta: Array<SlotMeta | undefined> = [];
  private slotById = new Map<string, number>();
  private termStart = new Uint32Array(1024);
  private termEnd = new Uint32Array(1024);
  private norm = new Float32Array(1024);
  /** Hot columns for the scan's first test, so a rejected slot never touches its (scattered) meta object. */
  private lat = new Float64Array(1024);
  private lon = new Float64Array(1024);
  /** Index into `jobcentre`, +1 for a candidate that shares with other jobcentre (0 = dead slot). */
  private jobcenterCode = new Int32Array(1024);
  private jobcentre: string[] = [];
  private jobcenterCodes = new Map<string, number>();
  private readonly sharedStrings = new Map<string, string>();
  private termPool = new Uint32Array(64 * 1024);
  private tfPool = new Uint8Array(64 * 1024);
  private poolUsed = 0;
  private dead = 0;
  /** Term id -> the slots holding it (dead ones included until compaction; readers skip them). */
  private postings = new Postings();

  async upsert(docs: IndexDocument[]): Promise<void> {
    for (const doc of docs) this.upsertOne(doc);
    this.maybeCompact();
  }

  async remove(ids: string[]): Promise<void> {
    for (const id of ids) this.removeOne(id);
    this.maybeCompact();
  }

  async clear(): Promise<void> {
    this.vocabulary = new Vocabulary();
    this.grid = new GeoGrid();
    this.meta = [];
    this.slotById = new Map();
    this.poolUsed = 0;
    this.dead = 0;
    this.postings = new Postings();
  }

  async count(): Promise<number> {
    return this.slotById.size;
  }

  async ping(): Promise<void> {}

  async close(): Promise<void> {}

  async retrieve(query: RetrievalQuery): Promise<Retrieval> {
    return {
      vocabulary: this.vocabulary,
      candidates: this.scan(query, this.inScope(query)),
      holding: (termIds) => this.scan(query, this.holdingInScope(query, termIds)),
    };
  }

  private upsertOne(doc: IndexDocument): void {
    this.removeOne(doc.id);
    if (!doc.facts.searchable) return;
    const profile = profileFromTerms(doc.facts.terms, this.vocabulary);
    const slot = this.meta.length;
    this.ensureSlotCapacity(slot + 1);
    this.ensurePoolCapacity(this.poolUsed + profile.terms.length);
    this.termPool.set(profile.terms, this.poolUsed);
    this.tfPool.set(profile.tf, this.poolUsed);
    this.termStart[slot] = this.poolUsed;
    this.poolUsed += profile.terms.length;
    this.termEnd[slot] = this.poolUsed;
    this.norm[slot] = profile.norm;
    this.lat[slot] = doc.facts.lat;
    this.lon[slot] = doc.facts.lon;
    this.jobcenterCode[slot] = this.codeOf(doc.jobcenter, doc.facts.shareWithPool);
    this.meta.push({
      id: doc.id,
      externalId: doc.externalId,
      jobcenter: this.shared(doc.jobcenter),
      facts: this.slimFacts(doc.facts),
    });
    this.slotById.set(doc.id, slot);
    this.grid.add(slot, doc.facts.lat, doc.facts.lon);
    this.vocabulary.addDocument(profile.terms);
    for (let i = 0; i < profile.terms.length; i++) this.postings.add(profile.terms[i]!, slot);
  }

  private removeOne(id: string): void {
    const slot = this.slotById.get(id);
    if (slot === undefined) return;
    this.slotById.delete(id);
    this.vocabulary.removeDocument(this.termPool.subarray(this.termStart[slot]!, this.termEnd[slot]!));
    this.meta[slot] = undefined;
    this.jobcenterCode[slot] = 0;
    this.dead++;
  }

  /**
   * The facts a slot keeps, with repeated values shared: a million candidates have a few thousand distinct dates
   * and a handful of benefits, schemes and licences, and one string or empty array per candidate would cost
   * hundreds of MB at that size.
   */
  private slimFacts(f: CandidateSearchFacts): SlotMeta['facts'] {
    const list = (xs: string[]) => (xs.length === 0 ? NONE : xs.map((x) => this.shared(x)));
    return {
      lat: f.lat,
      lon: f.lon,
      unemployedSince: this.shared(f.unemployedSince),
      benefit: this.shared(f.benefit) as CandidateSearchFacts['benefit'],
      weeklyHours: f.weeklyHours,
      availableFrom: f.availableFrom === null ? null : this.shared(f.availableFrom),
      unavailable: f.unavailable.length === 0 ? (NONE as never[]) : f.unavailable,
      activeSchemes: list(f.activeSchemes),
      driversLicences: list(f.driversLicences),
      maxDistanceKm: f.maxDistanceKm,
      searchable: f.searchable,
      shareWithPool: f.shareWithPool,
    };
  }

  private shared(value: string): string {
    const known = this.sharedStrings.get(value);
    if (known !== undefined) return known;
    this.sharedStrings.set(value, value);
    return value;
  }

  /** Positive: shares with other jobcentre; negative: home jobcenter only; 0 is kept for dead slots. */
  private codeOf(jobcenter: string, shares: boolean): number {
    let code = this.jobcenterCodes.get(jobcenter);
    if (code === undefined) {
      code = this.jobcentre.length + 1;
      this.jobcentre.push(jobcenter);
      this.jobcenterCodes.set(jobcenter, code);
    }
    return shares ? code : -code;
  }

  /** Per jobcenter code: 1 = home, 2 = a sharing jobcenter whose consenting candidates are in scope, 0 = out. */
  private scopeTable(query: RetrievalQuery): Uint8Array {
    const table = new Uint8Array(this.jobcentre.length + 1);
    if (query.sharingJobcentre === '*') table.fill(2);
    else for (const j of query.sharingJobcentre) table[this.jobcenterCodes.get(j) ?? 0] = 2;
    for (const j of query.homeJobcentre) table[this.jobcenterCodes.get(j) ?? 0] = 1;
    table[0] = 0;
    return table;
  }

  /** Whether a live slot is within the query's scope and radius, from the typed columns alone. */
  private reaches(slot: number, query: RetrievalQuery, scope: Uint8Array): boolean {
    const code = this.jobcenterCode[slot]!;
    if (code === 0) return false;
    const reach = scope[code < 0 ? -code : code];
    if (reach === 0 || (reach === 2 && code < 0)) return false;
    return (
      haversineKm(query.location.lat, query.location.lon, this.lat[slot]!, this.lon[slot]!) <= query.radiusKm
    );
  }

  /** Slots within the radius and the scope. */
  private inScope(query: RetrievalQuery): number[] {
    const scope = this.scopeTable(query);
    const slots: number[] = [];
    for (const cell of this.grid.near(query.location.lat, query.location.lon, query.radiusKm)) {
      // The grid cells cover the radius's bounding box; its corners lie up to 1.4 × the radius away.
      for (let i = 0; i < cell.length; i++) if (this.reaches(cell[i]!, query, scope)) slots.push(cell[i]!);
    }
    // Slot order is allocation order: visiting the meta objects in it reads memory mostly sequentially.
    return slots.sort((a, b) => a - b);
  }

  /**
   * Slots within the radius and the scope that hold one of `termIds`. Reads whichever is shorter: the terms'
   * postings, or the grid cells in reach (an order of common words in a small town is cheaper by place).
   */
  private holdingInScope(query: RetrievalQuery, termIds: Uint32Array): number[] {
    let posted = 0;
    for (let i = 0; i < termIds.length; i++) posted += this.postings.length(termIds[i]!);
    let inCells = 0;
    for (const cell of this.grid.near(query.location.lat, query.location.lon, query.radiusKm))
      inCells += cell.length;
    if (inCells <= posted) {
      return this.inScope(query).filter((slot) => this.holdsAny(slot, termIds));
    }
    const scope = this.scopeTable(query);
    const seen = new Uint8Array(this.meta.length);
    const slots: number[] = [];
    for (let i = 0; i < termIds.length; i++) {
      const list = this.postings.get(termIds[i]!);
      for (let k = 0; k < list.length; k++) {
        const slot = list[k]!;
        if (seen[slot] === 1) continue;
        seen[slot] = 1;
        if (this.reaches(slot, query, scope)) slots.push(slot);
      }
    }
    return slots.sort((a, b) => a - b);
  }

  /** Whether a slot's sorted terms share an id with the sorted `termIds` (a merge walk). */
  private holdsAny(slot: number, termIds: Uint32Array): boolean {
    let i = this.termStart[slot]!;
    const end = this.termEnd[slot]!;
    let k = 0;
    while (i < end && k < termIds.length) {
      const a = this.termPool[i]!;
      const b = termIds[k]!;
      if (a === b) return true;
      if (a < b) i++;
      else k++;
    }
    return false;
  }

  private *scan(_query: RetrievalQuery, slots: number[]): Generator<CandidateFacts> {
    // One reusable object: the ranker reads it and keeps only what it derives, so nothing is allocated per candidate.
    const facts: CandidateFacts = {
      id: '',
      externalId: '',
      jobcenter: '',
      lat: 0,
      lon: 0,
      unemployedSince: '',
      benefit: 'ingen',
      weeklyHours: null,
      availableFrom: null,
      unavailable: [],
      activeSchemes: [],
      driversLicences: [],
      maxDistanceKm: null,
      terms: this.termPool,
      tf: this.tfPool,
      termStart: 0,
      termEnd: 0,
      norm: 0,
    };
    for (const slot of slots) {
      const m = this.meta[slot];
      // Removed while the ranker was consuming: the candidate must not appear any more.
      if (m === undefined) continue;
      const f = m.facts;
      facts.id = m.id;
      facts.externalId = m.externalId;
      facts.jobcenter = m.jobcenter;
      copySituation(f, facts);
      // The pools may have been replaced by growth or compaction since the generator started.
      facts.terms = this.termPool;
      facts.tf = this.tfPool;
      facts.termStart = this.termStart[slot]!;
      facts.termEnd = this.termEnd[slot]!;
      facts.norm = this.norm[slot]!;
      yield facts;
    }
  }

  private ensureSlotCapacity(n: number): void {
    if (n <= this.termStart.length) return;
    const size = Math.max(n, this.termStart.length * 2);
    this.termStart = grow(this.termStart, new Uint32Array(size));
    this.termEnd = grow(this.termEnd, new Uint32Array(size));
    this.norm = grow(this.norm, new Float32Array(size));
    this.lat = grow(this.lat, new Float64Array(size));
    this.lon = grow(this.lon, new Float64Array(size));
    this.jobcenterCode = grow(this.jobcenterCode, new Int32Array(size));
  }

  private ensurePoolCapacity(n: number): void {
    if (n <= this.termPool.length) return;
    // Doubling while small; 25 % steps once the pools are large, so a million-candidate index does not carry up to
    // 100 % slack (a few hundred MB) for the rest of its life. Still geometric, so appends stay amortised O(1).
    const factor = this.termPool.length < 8 * 2 ** 20 ? 2 : 1.25;
    const size = Math.max(n, Math.ceil(this.termPool.length * factor));
    this.termPool = grow(this.termPool, new Uint32Array(size));
    this.tfPool = grow(this.tfPool, new Uint8Array(size));
  }

  /** Rewrites live slots densely once tombstones make up a third of them (and there are enough to matter). */
  private maybeCompact(): void {
    if (this.dead < 10_000 || this.dead * 3 < this.meta.length) return;
    const oldMeta = this.meta;
    const [oldStart, oldEnd, oldNorm, oldTerms, oldTf, oldCode] = [
      this.termStart,
      this.termEnd,
      this.norm,
      this.termPool,
      this.tfPool,
      this.jobcenterCode,
    ];
    const live = oldMeta.length - this.dead;
    const poolLive = oldMeta.reduce((n, m, s) => (m ? n + oldEnd[s]! - oldStart[s]! : n), 0);
    this.meta = [];
    this.slotById = new Map();
    this.grid = new GeoGrid();
    this.termStart = new Uint32Array(Math.max(1024, live));
    this.termEnd = new Uint32Array(this.termStart.length);
    this.norm = new Float32Array(this.termStart.length);
    this.lat = new Float64Array(this.termStart.length);
    this.lon = new Float64Array(this.termStart.length);
    this.jobcenterCode = new Int32Array(this.termStart.length);
    this.termPool = new Uint32Array(Math.max(64 * 1024, poolLive));
    this.tfPool = new Uint8Array(this.termPool.length);
    this.poolUsed = 0;
    this.dead = 0;
    this.postings = new Postings();
    oldMeta.forEach((m, s) => {
      if (!m) return;
      const slot = this.meta.length;
      const from = oldStart[s]!;
      const to = oldEnd[s]!;
      this.termPool.set(oldTerms.subarray(from, to), this.poolUsed);
      this.tfPool.set(oldTf.subarray(from, to), this.poolUsed);
      this.termStart[slot] = this.poolUsed;
      this.poolUsed += to - from;
      this.termEnd[slot] = this.poolUsed;
      this.norm[slot] = oldNorm[s]!;
      this.lat[slot] = m.facts.lat;
      this.lon[slot] = m.facts.lon;
      this.jobcenterCode[slot] = oldCode[s]!;
      for (let i = from; i < to; i++) this.postings.add(oldTerms[i]!, slot);
      this.meta.push(m);
      this.slotById.set(m.id, slot);
      this.grid.add(slot, m.facts.lat, m.facts.lon);
    });
  }
}

function grow<T extends Uint32Array | Uint8Array | Float32Array | Float64Array | Int32Array>(
  from: T,
  to: T,
): T {
  to.set(from as never);
  return to;
}

/**
 * Posting lists: per term id the slots that hold it, each a typed array grown geometrically, so a million
 * candidates' postings cost their data plus bounded slack and no object per entry.
 */
class Postings {
  private lists: Array<Uint32Array | undefined> = [];
  private lengths = new Uint32Array(1024);

  add(termId: number, slot: number): void {
    if (termId >= this.lengths.length) {
      this.lengths = grow(this.lengths, new Uint32Array(Math.max(termId + 1, this.lengths.length * 2)));
    }
    const n = this.lengths[termId]!;
    let list = this.lists[termId];
    if (!list || n === list.length) {
      const next = new Uint32Array(list ? Math.ceil(list.length * 1.5) + 4 : 4);
      if (list) next.set(list);
      list = next;
      this.lists[termId] = list;
    }
    list[n] = slot;
    this.lengths[termId] = n + 1;
  }

  length(termId: number): number {
    return this.lengths[termId] ?? 0;
  }

  get(termId: number): Uint32Array {
    const list = this.lists[termId];
    return list ? list.subarray(0, this.lengths[termId]!) : EMPTY;
  }
}

const EMPTY = new Uint32Array(0);
