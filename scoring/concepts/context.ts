/**
 * Whose experience a mention is, read from the words around it in its clause: "ønsker at lære truckkørsel" is an
 * intent, "ingen erfaring med lager" a negation, "min far var tømrer" another person, "sommerjob som 15-årig" a
 * job held as a youngster. Only 'own' mentions give a candidate the concept.
 */
import type { MentionContext } from './types.ts';

/** Cue words are matched folded (æ/ø/å as ae/oe/aa); '#' stands for any number, '*' for any word. */
type Cue = readonly string[];

const cues = (list: string): Cue[] =>
  list
    .split('|')
    .map((c) => c.trim().split(/\s+/))
    .filter((c) => c.length > 0 && c[0] !== '');

const INTENT = cues(`
  oensker | oensker at | vil gerne | gerne vil | vil laere | vil lave | haaber at | haaber paa | droemmer om |
  interesseret i at | interesseret i | kunne taenke mig | har lyst til | lyst til at | vil tage | skal tage |
  paatænker | planlaegger at | mit maal er | maal om | gerne ville | kunne godt taenke mig | godt taenke mig |
  taenke mig at | kunne taenke mig at | maal at faa | maal at | maalet er | saa jeg kan faa | saa jeg kan blive |
  vil gerne laere | gerne laere | vil gerne proeve | proeve kraefter med | paa sigt | drømmer om at | ser frem til at
`);
const NEGATED = cues(`ingen | ikke | aldrig | mangler | uden | hverken | ej`);
/**
 * Another person's work. 'min mand' and 'min kone' lose the gender word to the protected-facts remover before
 * extraction, so 'min' straight before a verb ('min   er tømrer') is read as the same cue.
 */
const FAMILY =
  'far mor bror soester kone mand kaereste faar onkel tante datter soen svoger farfar morfar farmor mormor';
const OTHER_PERSON: Cue[] = [
  ...FAMILY.split(' ').flatMap((w) => [
    ['min', w],
    ['mit', w],
    ['mine', w],
    [`${w}s`, 'arbejde'],
  ]),
  ...cues('mine foraeldre | mine soeskende | mine broedre | mine soestre | min far og mor'),
  ...'er var har havde arbejder arbejdede driver drev'.split(' ').flatMap((v) => [
    ['min', v],
    ['mit', v],
  ]),
];
/**
 * A job held as a youngster. A stated age (15-19) is removed as a protected fact before extraction, so 'som' with
 * nothing after it in its clause is that cue too (see youthByGap).
 */
const YOUTH = cues(`
  sommerjob | sommerferiejob | fritidsjob | weekendjob som ung | som ung | som teenager | som skoleelev | som elev i folkeskolen |
  i folkeskolen | under folkeskolen | efter skoletid | efter skole | ved siden af skolen | ved siden af gymnasiet |
  under gymnasiet | i gymnasietiden | gymnasietiden | skolepraktik | erhvervspraktik | praktik i folkeskolen |
  som # aarig | som # aarige | som #aarig | da jeg var # | som drenge | som pige | som dreng | avisbud | avisdreng
`);

export interface ContextToken {
  /** Folded lower-case word. */
  fold: string;
  start: number;
  end: number;
}

type Kind = Exclude<MentionContext, 'own'>;
interface IndexedCue {
  cue: Cue;
  kind: Kind;
}

/** Cues by their first word ('#' for a number), so a scan looks only at cues that can start at a word. */
const CUE_INDEX = new Map<string, IndexedCue[]>();
const lists: Array<[Kind, readonly Cue[]]> = [
  ['other-person', OTHER_PERSON],
  ['negated', NEGATED],
  ['intent', INTENT],
  ['youth', YOUTH],
];
for (const [kind, list] of lists) {
  for (const cue of list) {
    const first = cue[0]!.startsWith('#') ? '#' : cue[0]!;
    const entries = CUE_INDEX.get(first) ?? [];
    entries.push({ cue, kind });
    CUE_INDEX.set(first, entries);
  }
}

function cueAt(tokens: readonly ContextToken[], at: number, cue: Cue, until: number): boolean {
  if (at + cue.length > until) return false;
  for (let k = 0; k < cue.length; k++) {
    const want = cue[k]!;
    const got = tokens[at + k]!.fold;
    if (want === '#') {
      if (!/^\d{1,2}$/.test(got) || Number(got) >= 20) return false;
    } else if (want === '#aarig') {
      if (!/^\d{1,2}aarige?$/.test(got)) return false;
    } else if (want !== '*' && want !== got) return false;
  }
  return true;
}

function cuesAt(tokens: readonly ContextToken[], at: number): IndexedCue[] | undefined {
  const word = tokens[at]!.fold;
  return CUE_INDEX.get(word.charCodeAt(0) <= 57 && word.charCodeAt(0) >= 48 ? '#' : word);
}

/** How far before a mention a cue still reaches: a list after 'ingen erfaring med' is negated as a whole. */
const REACH: Record<Kind, number> = {
  'other-person': Number.POSITIVE_INFINITY,
  negated: 8,
  intent: 10,
  youth: 0,
};

const SENTENCE_END = /[!?;\n]|\.(?=\s+[\p{Lu}\d]|\s*$)/u;
const CONTRAST = new Set(['men', 'dog', 'derimod', 'samt']);
/** Words that open a clause of their own after a comma or 'og'; a list of nouns ('truck, lager') does not. */
/** Words whose dot abbreviates ('kat. CE', 'bl.a. truck'): it ends no sentence, even before a capital. */
const ABBREVIATED = new Set('kat ca evt inkl ekskl bl a f eks mv nr pga iflg jf dvs osv tlf'.split(' '));

const FINITE = new Set('jeg vi har er kan var havde fik tog blev arbejder arbejdede'.split(' '));

/**
 * Reads the context of mentions in one text. A clause ends at a sentence end and before a contrast word ('ikke
 * lager, men truck'); an abbreviation's dot ('truckcert. og lift') ends nothing. Boundaries are found lazily, as
 * only the words around a mention are ever looked at.
 */
export class ContextReader {
  /** Per token: 1 when a new clause starts at it, 0 when not, -1 not yet known. */
  private readonly starts: Int8Array;

  constructor(
    private readonly text: string,
    private readonly tokens: readonly ContextToken[],
  ) {
    this.starts = new Int8Array(tokens.length).fill(-1);
  }

  private startsClause(i: number): boolean {
    if (i === 0) return true;
    let known = this.starts[i]!;
    if (known < 0) {
      const prev = this.tokens[i - 1]!;
      const next = this.tokens[i]!;
      const gap = this.text.slice(prev.end, next.start);
      const end =
        SENTENCE_END.test(gap) &&
        !(gap.trimStart().startsWith('.') && ABBREVIATED.has(prev.fold) && !/[!?;\n]/.test(gap)) &&
        (!gap.includes('.') || SENTENCE_END.test(this.text.slice(prev.end, next.start + 1)));
      // 'ikke bange for hårdt arbejde, og har truckcertifikat': a new finite clause after a comma or 'og'.
      const newClause = FINITE.has(next.fold) && (gap.includes(',') || prev.fold === 'og');
      known = end || newClause || CONTRAST.has(next.fold) ? 1 : 0;
      this.starts[i] = known;
    }
    return known === 1;
  }

  /** The context of the mention covering tokens [from, to). */
  contextOf(from: number, to: number): MentionContext {
    const tokens = this.tokens;
    let clauseStart = from;
    while (!this.startsClause(clauseStart)) clauseStart--;
    let clauseEnd = to;
    while (clauseEnd < tokens.length && !this.startsClause(clauseEnd)) clauseEnd++;

    // The nearest cue before the mention decides: 'ønsker at lære truck, har ingen erfaring med lager'.
    for (let at = from - 1; at >= clauseStart; at--) {
      for (const { cue, kind } of cuesAt(tokens, at) ?? []) {
        if (kind !== 'youth' && from - at <= REACH[kind] && cueAt(tokens, at, cue, from)) return kind;
      }
    }
    for (let at = clauseStart; at < clauseEnd; at++) {
      for (const { cue, kind } of cuesAt(tokens, at) ?? []) {
        if (kind === 'youth' && cueAt(tokens, at, cue, clauseEnd)) return 'youth';
      }
    }
    if (youthByGap(this.text, tokens, clauseStart, clauseEnd)) return 'youth';
    return 'own';
  }
}

/**
 * 'som' closing its clause: what is left of 'som 15-årig' once the age is removed as a protected fact. Nothing else
 * ends a Danish clause with 'som'.
 */
function youthByGap(text: string, tokens: readonly ContextToken[], start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    if (tokens[i]!.fold !== 'som') continue;
    const next = tokens[i + 1];
    // What the remover leaves of 'som 15-årig': punctuation, the end, or the blank where the age stood. A single
    // space before the next word is 'som tømrer', the commonest way to name one's own job.
    const gap = text.slice(tokens[i]!.end, next ? next.start : text.length);
    if (!next || /^\s*[,.;:)!?\n]/.test(gap) || /^\s{2,}$/.test(gap)) return true;
  }
  return false;
}
