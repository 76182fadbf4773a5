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

/** The lists of a candidate's situation that few candidates differ in: shared by every candidate with the same. */
interface Situation {
  unavailable: Array<{ from: string; to: string }>;
  activeSchemes: string[];
  driversLicences: string[];
}

const NO_SITUATION: Situation = Object.freeze({
  unavailable: Object.freeze([]) as unknown as Situation['unavailable'],
  activeSchemes: Object.freeze([]) as unknown as string[],
  driversLicences: Object.freeze([]) as unknown as string[],
});

/** availableFrom not stated. */
const NO_DAY = -2147483648;
const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of a validated YYYY-MM-DD date. */
function dayNumber(date: string): number {
  // setUTCFullYear, not Date.UTC: that one reads the years 0-99 as 1900-1999.
  const day = new Date(0);
  day.setUTCFullYear(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
  return Math.floor(day.getTime() / DAY_MS);
}

type Column = Uint32Array | Uint8Array | Float32Array | Float64Array | Int32Array;

/**
 * Everything an index holds, as plain tables and typed arrays: what a snapshot writes and reads back. The arrays
 * hold `slots` entries (the pools `poolUsed`); posting lists are concatenated in term order.
 */
export interface IndexImage {
  slots: number;
  poolUsed: number;
  dead: number;
  terms: string[];
  /** null for a dead slot. */
  ids: Array<string | null>;
  externalIds: string[];
  jobcentre: string[];
  benefits: string[];
  situations: Situation[];
  columns: {
    termStart: Uint32Array;
    termEnd: Uint32Array;
    norm: Float32Array;
    lat: Float64Array;
    lon: Float64Array;
    jobcenterCode: Int32Array;
    unemployedDay: Int32Array;
    availableDay: Int32Array;
    benefitCode: Uint8Array;
    weeklyHours: Float64Array;
    maxDistanceKm: Float64Array;
    situationCode: Uint32Array;
    termPool: Uint32Array;
    tfPool: Uint8Array;
    postingLengths: Uint32Array;
    postings: Uint32Array;
  };
}

/**
 * In-process CandidateIndex: the embedded default. Candidates live in slots, and every per-candidate fact is a
 * typed column indexed by slot (dates as day numbers, benefit and the rarely differing lists as codes into small
 * shared tables), so the index's size is its data: no object per candidate, and a million candidates cost a few
 * hundred MB. Each slot's terms sit in one pooled Uint32Array (plus weights), so retrieval allocates nothing per
 * candidate. Updates append a new slot and tombstone the old one; compaction reclaims space when a third is dead.
 */
export class EmbeddedCandidateIndex implements CandidateIndex {
  readonly name = 'embedded';
  private vocabulary = new Vocabulary();
  private grid = new GeoGrid();
  /** Slot -> candidate id; undefined for a dead slot. Its length is the number of slots in use. */
  private ids: Array<string | undefined> = [];
  private externalIds: string[] = [];
  private slotById = new Map<string, number>();
  private termStart: Uint32Array = new Uint32Array(1024);
  private termEnd: Uint32Array = new Uint32Array(1024);
  private norm: Float32Array = new Float32Array(1024);
  private lat: Float64Array = new Float64Array(1024);
  private lon: Float64Array = new Float64Array(1024);
  /** Index into `jobcentre`, +1, positive for a candidate that shares with other jobcentre (0 = dead slot). */
  private jobcenterCode: Int32Array = new Int32Array(1024);
  private unemployedDay: Int32Array = new Int32Array(1024);
  private availableDay: Int32Array = new Int32Array(1024);
  private benefitCode: Uint8Array = new Uint8Array(1024);
  /** NaN: not stated. */
  private weeklyHours: Float64Array = new Float64Array(1024);
  private maxDistanceKm: Float64Array = new Float64Array(1024);
  private situationCode: Uint32Array = new Uint32Array(1024);
  private jobcentre: string[] = [];
  private jobcenterCodes = new Map<string, number>();
  private benefits: string[] = [];
  private benefitCodes = new Map<string, number>();
  private situations: Situation[] = [NO_SITUATION];
  private situationCodes = new Map<string, number>();
  /** Day number -> its YYYY-MM-DD, so handing a date to the ranker allocates no string. */
  private readonly dayStrings = new Map<number, string>();
  private termPool: Uint32Array = new Uint32Array(64 * 1024);
  private tfPool: Uint8Array = new Uint8Array(64 * 1024);
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
    this.ids = [];
    this.externalIds = [];
    this.slotById = new Map();
    this.jobcentre = [];
    this.jobcenterCodes = new Map();
    this.benefits = [];
    this.benefitCodes = new Map();
    this.situations = [NO_SITUATION];
    this.situationCodes = new Map();
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

  /**
   * What the index holds in memory, in bytes: the typed columns, pools and postings exactly (capacity, slack
   * included), the strings and maps estimated from V8's usual layout. Per live candidate, so sizes compare.
   */
  memory(): { bytes: number; candidates: number; bytesPerCandidate: number } {
    let bytes = 0;
    for (const column of this.columnList()) bytes += column.byteLength;
    bytes += this.postings.bytes();
    // A one-byte string: a 16-byte header plus its characters, rounded to 8; an array or map entry: 8-40 bytes.
    const str = (s: string) => 16 + Math.ceil(s.length / 8) * 8;
    for (let slot = 0; slot < this.ids.length; slot++) {
      const id = this.ids[slot];
      bytes += 16 + str(this.externalIds[slot]!);
      if (id !== undefined) bytes += str(id) + 40;
    }
    for (let t = 0; t < this.vocabulary.size; t++) bytes += str(this.vocabulary.term(t)) + 64;
    const candidates = this.slotById.size;
    return { bytes, candidates, bytesPerCandidate: candidates === 0 ? 0 : Math.round(bytes / candidates) };
  }

  /** The index as tables and arrays (views on the live ones: write them out before the next change). */
  image(): IndexImage {
    const n = this.ids.length;
    const { lengths, data } = this.postings.flatten(this.vocabulary.size);
    return {
      slots: n,
      poolUsed: this.poolUsed,
      dead: this.dead,
      terms: Array.from({ length: this.vocabulary.size }, (_, t) => this.vocabulary.term(t)),
      ids: this.ids.map((id) => id ?? null),
      externalIds: this.externalIds,
      jobcentre: this.jobcentre,
      benefits: this.benefits,
      situations: this.situations,
      columns: {
        termStart: this.termStart.subarray(0, n),
        termEnd: this.termEnd.subarray(0, n),
        norm: this.norm.subarray(0, n),
        lat: this.lat.subarray(0, n),
        lon: this.lon.subarray(0, n),
        jobcenterCode: this.jobcenterCode.subarray(0, n),
        unemployedDay: this.unemployedDay.subarray(0, n),
        availableDay: this.availableDay.subarray(0, n),
        benefitCode: this.benefitCode.subarray(0, n),
        weeklyHours: this.weeklyHours.subarray(0, n),
        maxDistanceKm: this.maxDistanceKm.subarray(0, n),
        situationCode: this.situationCode.subarray(0, n),
        termPool: this.termPool.subarray(0, this.poolUsed),
        tfPool: this.tfPool.subarray(0, this.poolUsed),
        postingLengths: lengths,
        postings: data,
      },
    };
  }

  /**
   * An index holding exactly what `image` describes. The columns are adopted, not copied (the first growth
   * copies them). The vocabulary's document frequencies are counted again from the live slots' terms: they are
   * a sum over those, so nothing is lost by not storing them.
   */
  static fromImage(image: IndexImage): EmbeddedCandidateIndex {
    const index = new EmbeddedCandidateIndex();
    const c = image.columns;
    const n = image.slots;
    const lengths = [c.termStart, c.termEnd, c.norm, c.lat, c.lon, c.jobcenterCode, c.unemployedDay];
    if (
      lengths.some((col) => col.length !== n) ||
      [c.availableDay, c.benefitCode, c.weeklyHours, c.maxDistanceKm, c.situationCode].some(
        (col) => col.length !== n,
      ) ||
      image.ids.length !== n ||
      image.externalIds.length !== n ||
      c.termPool.length !== image.poolUsed ||
      c.tfPool.length !== image.poolUsed
    ) {
      throw new Error('index image: column lengths disagree');
    }
    for (const term of image.terms) index.vocabulary.intern(term);
    index.termStart = c.termStart;
    index.termEnd = c.termEnd;
    index.norm = c.norm;
    index.lat = c.lat;
    index.lon = c.lon;
    index.jobcenterCode = c.jobcenterCode;
    index.unemployedDay = c.unemployedDay;
    index.availableDay = c.availableDay;
    index.benefitCode = c.benefitCode;
    index.weeklyHours = c.weeklyHours;
    index.maxDistanceKm = c.maxDistanceKm;
    index.situationCode = c.situationCode;
    index.termPool = c.termPool;
    index.tfPool = c.tfPool;
    index.poolUsed = image.poolUsed;
    index.dead = image.dead;
    index.postings = Postings.fromFlat(c.postingLengths, c.postings);
    index.jobcentre = [...image.jobcentre];
    image.jobcentre.forEach((j, i) => {
      index.jobcenterCodes.set(j, i + 1);
    });
    index.benefits = [...image.benefits];
    image.benefits.forEach((b, i) => {
      index.benefitCodes.set(b, i);
    });
    index.situations = image.situations.map((s, i) => (i === 0 ? NO_SITUATION : s));
    index.situations.forEach((s, i) => {
      if (i > 0) index.situationCodes.set(situationKey(s), i);
    });
    index.externalIds = image.externalIds;
    index.ids = image.ids.map((id) => id ?? undefined);
    let dead = 0;
    for (let slot = 0; slot < n; slot++) {
      const id = index.ids[slot];
      if (id === undefined) {
        dead++;
        continue;
      }
      index.slotById.set(id, slot);
      index.grid.add(slot, c.lat[slot]!, c.lon[slot]!);
      index.vocabulary.addDocument(c.termPool.subarray(c.termStart[slot]!, c.termEnd[slot]!));
    }
    if (dead !== image.dead) throw new Error('index image: the dead slots disagree');
    return index;
  }

  /** Takes over everything `other` holds (a loaded snapshot), so holders of this instance see it. */
  replaceWith(other: EmbeddedCandidateIndex): void {
    Object.assign(this, other);
  }

  private upsertOne(doc: IndexDocument): void {
    this.removeOne(doc.id);
    const f = doc.facts;
    if (!f.searchable) return;
    const profile = profileFromTerms(f.terms, this.vocabulary);
    const slot = this.ids.length;
    this.ensureSlotCapacity(slot + 1);
    this.ensurePoolCapacity(this.poolUsed + profile.terms.length);
    this.termPool.set(profile.terms, this.poolUsed);
    this.tfPool.set(profile.tf, this.poolUsed);
    this.termStart[slot] = this.poolUsed;
    this.poolUsed += profile.terms.length;
    this.termEnd[slot] = this.poolUsed;
    this.norm[slot] = profile.norm;
    this.lat[slot] = f.lat;
    this.lon[slot] = f.lon;
    this.jobcenterCode[slot] = this.codeOf(doc.jobcenter, f.shareWithPool);
    this.unemployedDay[slot] = dayNumber(f.unemployedSince);
    this.availableDay[slot] = f.availableFrom === null ? NO_DAY : dayNumber(f.availableFrom);
    this.benefitCode[slot] = this.benefitOf(f.benefit);
    this.weeklyHours[slot] = f.weeklyHours ?? Number.NaN;
    this.maxDistanceKm[slot] = f.maxDistanceKm ?? Number.NaN;
    this.situationCode[slot] = this.situationOf(f);
    this.ids.push(doc.id);
    this.externalIds.push(doc.externalId);
    this.slotById.set(doc.id, slot);
    this.grid.add(slot, f.lat, f.lon);
    this.vocabulary.addDocument(profile.terms);
    for (let i = 0; i < profile.terms.length; i++) this.postings.add(profile.terms[i]!, slot);
  }

  private removeOne(id: string): void {
    const slot = this.slotById.get(id);
    if (slot === undefined) return;
    this.slotById.delete(id);
    this.vocabulary.removeDocument(this.termPool.subarray(this.termStart[slot]!, this.termEnd[slot]!));
    this.ids[slot] = undefined;
    this.jobcenterCode[slot] = 0;
    this.dead++;
  }

  private benefitOf(benefit: string): number {
    let code = this.benefitCodes.get(benefit);
    if (code === undefined) {
      code = this.benefits.length;
      if (code > 255) throw new Error('embedded index: more than 256 kinds of benefit');
      this.benefits.push(benefit);
      this.benefitCodes.set(benefit, code);
    }
    return code;
  }

  /**
   * Most candidates have no unavailable period, scheme or licence, and the rest share a few hundred combinations:
   * one table entry per distinct combination instead of three arrays per candidate.
   */
  private situationOf(f: CandidateSearchFacts): number {
    if (f.unavailable.length === 0 && f.activeSchemes.length === 0 && f.driversLicences.length === 0)
      return 0;
    const situation: Situation = {
      unavailable: f.unavailable.map((u) => ({ from: u.from, to: u.to })),
      activeSchemes: [...f.activeSchemes],
      driversLicences: [...f.driversLicences],
    };
    const key = situationKey(situation);
    let code = this.situationCodes.get(key);
    if (code === undefined) {
      code = this.situations.length;
      this.situations.push(situation);
      this.situationCodes.set(key, code);
    }
    return code;
  }

  private dayString(day: number): string {
    let date = this.dayStrings.get(day);
    if (date === undefined) {
      date = new Date(day * DAY_MS).toISOString().slice(0, 10);
      this.dayStrings.set(day, date);
    }
    return date;
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
    // Slot order is allocation order: visiting the columns in it reads memory mostly sequentially.
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
    const seen = new Uint8Array(this.ids.length);
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
      const id = this.ids[slot];
      // Removed while the ranker was consuming: the candidate must not appear any more.
      if (id === undefined) continue;
      const code = this.jobcenterCode[slot]!;
      const situation = this.situations[this.situationCode[slot]!]!;
      const available = this.availableDay[slot]!;
      const hours = this.weeklyHours[slot]!;
      const distance = this.maxDistanceKm[slot]!;
      facts.id = id;
      facts.externalId = this.externalIds[slot]!;
      facts.jobcenter = this.jobcentre[(code < 0 ? -code : code) - 1]!;
      facts.lat = this.lat[slot]!;
      facts.lon = this.lon[slot]!;
      facts.unemployedSince = this.dayString(this.unemployedDay[slot]!);
      facts.benefit = this.benefits[this.benefitCode[slot]!] as CandidateFacts['benefit'];
      facts.weeklyHours = Number.isNaN(hours) ? null : hours;
      facts.availableFrom = available === NO_DAY ? null : this.dayString(available);
      facts.unavailable = situation.unavailable;
      facts.activeSchemes = situation.activeSchemes;
      facts.driversLicences = situation.driversLicences;
      facts.maxDistanceKm = Number.isNaN(distance) ? null : distance;
      // The pools may have been replaced by growth or compaction since the generator started.
      facts.terms = this.termPool;
      facts.tf = this.tfPool;
      facts.termStart = this.termStart[slot]!;
      facts.termEnd = this.termEnd[slot]!;
      facts.norm = this.norm[slot]!;
      yield facts;
    }
  }

  private columnList(): Column[] {
    return [
      this.termStart,
      this.termEnd,
      this.norm,
      this.lat,
      this.lon,
      this.jobcenterCode,
      this.unemployedDay,
      this.availableDay,
      this.benefitCode,
      this.weeklyHours,
      this.maxDistanceKm,
      this.situationCode,
      this.termPool,
      this.tfPool,
    ];
  }

  /** Every per-slot column, resized to `size` slots keeping the first `keep`. */
  private resizeSlots(size: number, keep: number): void {
    const keepInto = <T extends Column>(from: T, to: T): T => {
      to.set(from.subarray(0, Math.min(keep, to.length)) as never);
      return to;
    };
    this.termStart = keepInto(this.termStart, new Uint32Array(size));
    this.termEnd = keepInto(this.termEnd, new Uint32Array(size));
    this.norm = keepInto(this.norm, new Float32Array(size));
    this.lat = keepInto(this.lat, new Float64Array(size));
    this.lon = keepInto(this.lon, new Float64Array(size));
    this.jobcenterCode = keepInto(this.jobcenterCode, new Int32Array(size));
    this.unemployedDay = keepInto(this.unemployedDay, new Int32Array(size));
    this.availableDay = keepInto(this.availableDay, new Int32Array(size));
    this.benefitCode = keepInto(this.benefitCode, new Uint8Array(size));
    this.weeklyHours = keepInto(this.weeklyHours, new Float64Array(size));
    this.maxDistanceKm = keepInto(this.maxDistanceKm, new Float64Array(size));
    this.situationCode = keepInto(this.situationCode, new Uint32Array(size));
  }

  private ensureSlotCapacity(n: number): void {
    if (n <= this.termStart.length) return;
    // Like the pools: doubling while small, bounded 25 % steps once large.
    const factor = this.termStart.length < 2 ** 18 ? 2 : 1.25;
    this.resizeSlots(Math.max(n, Math.ceil(this.termStart.length * factor)), this.ids.length);
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
    if (this.dead < 10_000 || this.dead * 3 < this.ids.length) return;
    const old = this.image();
    const c = old.columns;
    const live = old.slots - this.dead;
    let poolLive = 0;
    for (let s = 0; s < old.slots; s++) if (old.ids[s] !== null) poolLive += c.termEnd[s]! - c.termStart[s]!;
    // The image's columns are views on the current arrays: fresh arrays first, then copy slot by slot.
    this.termStart = new Uint32Array(0);
    this.resizeSlots(Math.max(1024, live), 0);
    this.termPool = new Uint32Array(Math.max(64 * 1024, poolLive));
    this.tfPool = new Uint8Array(this.termPool.length);
    this.ids = [];
    this.externalIds = [];
    this.slotById = new Map();
    this.grid = new GeoGrid();
    this.poolUsed = 0;
    this.dead = 0;
    this.postings = new Postings();
    for (let s = 0; s < old.slots; s++) {
      const id = old.ids[s];
      if (id === null || id === undefined) continue;
      const slot = this.ids.length;
      const from = c.termStart[s]!;
      const to = c.termEnd[s]!;
      this.termPool.set(c.termPool.subarray(from, to), this.poolUsed);
      this.tfPool.set(c.tfPool.subarray(from, to), this.poolUsed);
      this.termStart[slot] = this.poolUsed;
      this.poolUsed += to - from;
      this.termEnd[slot] = this.poolUsed;
      this.norm[slot] = c.norm[s]!;
      this.lat[slot] = c.lat[s]!;
      this.lon[slot] = c.lon[s]!;
      this.jobcenterCode[slot] = c.jobcenterCode[s]!;
      this.unemployedDay[slot] = c.unemployedDay[s]!;
      this.availableDay[slot] = c.availableDay[s]!;
      this.benefitCode[slot] = c.benefitCode[s]!;
      this.weeklyHours[slot] = c.weeklyHours[s]!;
      this.maxDistanceKm[slot] = c.maxDistanceKm[s]!;
      this.situationCode[slot] = c.situationCode[s]!;
      for (let i = from; i < to; i++) this.postings.add(c.termPool[i]!, slot);
      this.ids.push(id);
      this.externalIds.push(old.externalIds[s]!);
      this.slotById.set(id, slot);
      this.grid.add(slot, c.lat[s]!, c.lon[s]!);
    }
  }
}

/** Equal situations, equal keys: the table holds each distinct one once. */
function situationKey(s: Situation): string {
  return JSON.stringify([s.unavailable.map((u) => [u.from, u.to]), s.activeSchemes, s.driversLicences]);
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
  private lengths: Uint32Array = new Uint32Array(1024);

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

  /** Backing bytes, slack included. */
  bytes(): number {
    let n = this.lengths.byteLength;
    for (const list of this.lists) if (list) n += list.byteLength + 64;
    return n;
  }

  /** Per term id its list's length, and the lists concatenated in term order. */
  flatten(terms: number): { lengths: Uint32Array; data: Uint32Array } {
    const lengths = new Uint32Array(terms);
    lengths.set(this.lengths.subarray(0, Math.min(terms, this.lengths.length)));
    let total = 0;
    for (let t = 0; t < terms; t++) total += lengths[t]!;
    const data = new Uint32Array(total);
    let at = 0;
    for (let t = 0; t < terms; t++) {
      const n = lengths[t]!;
      if (n > 0) data.set(this.lists[t]!.subarray(0, n), at);
      at += n;
    }
    return { lengths, data };
  }

  /** Lists as views on `data` (no copy); a list grows into its own array at its next add. */
  static fromFlat(lengths: Uint32Array, data: Uint32Array): Postings {
    const postings = new Postings();
    postings.lengths = new Uint32Array(Math.max(1024, lengths.length));
    postings.lengths.set(lengths);
    let at = 0;
    for (let t = 0; t < lengths.length; t++) {
      const n = lengths[t]!;
      if (n > 0) postings.lists[t] = data.subarray(at, at + n);
      at += n;
    }
    if (at !== data.length) throw new Error('index image: the postings disagree with their lengths');
    return postings;
  }

  get(termId: number): Uint32Array {
    const list = this.lists[termId];
    return list ? list.subarray(0, this.lengths[termId]!) : EMPTY;
  }
}

const EMPTY = new Uint32Array(0);
