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
  paatænker | planlaegger at | mit maal er | maal om | gerne ville
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

/** The latest cue of a kind that starts in [from, to) and ends before `to`, as its start index, or -1. */
function lastCue(tokens: readonly ContextToken[], from: number, to: number, list: readonly Cue[]): number {
  for (let at = to - 1; at >= from; at--) for (const cue of list) if (cueAt(tokens, at, cue, to)) return at;
  return -1;
}

/** How far before a mention a negation still reaches: a list after 'ingen erfaring med' is negated as a whole. */
const NEGATION_REACH = 8;
const INTENT_REACH = 10;

const SENTENCE_END = /[!?;\n]|\.(?=\s+[\p{Lu}\d]|\s*$)/u;
const CONTRAST = new Set(['men', 'dog', 'derimod', 'samt']);

/**
 * Clause number per token: a new clause starts after a sentence end, and at a contrast word ('ikke lager, men
 * truck'). An abbreviation's dot ('truckcert. og lift') does not end a sentence.
 */
export function clauses(text: string, tokens: readonly ContextToken[]): number[] {
  const out: number[] = [];
  let clause = 0;
  for (let i = 0; i < tokens.length; i++) {
    if (i > 0) {
      const gap = text.slice(tokens[i - 1]!.end, tokens[i]!.start);
      const after = text.slice(tokens[i - 1]!.end, tokens[i]!.start + 1);
      if (SENTENCE_END.test(gap) && (gap.includes('.') ? SENTENCE_END.test(after) : true)) clause++;
      else if (CONTRAST.has(tokens[i]!.fold)) clause++;
    }
    out.push(clause);
  }
  return out;
}

/** The context of the mention covering tokens [from, to), within clause boundaries from `clauses`. */
export function mentionContext(
  text: string,
  tokens: readonly ContextToken[],
  clauseOf: readonly number[],
  from: number,
  to: number,
): MentionContext {
  const clause = clauseOf[from]!;
  let clauseStart = from;
  while (clauseStart > 0 && clauseOf[clauseStart - 1] === clause) clauseStart--;
  let clauseEnd = to;
  while (clauseEnd < tokens.length && clauseOf[clauseEnd] === clause) clauseEnd++;

  const found: Array<[number, MentionContext]> = [
    [lastCue(tokens, clauseStart, from, OTHER_PERSON), 'other-person'],
    [lastCue(tokens, Math.max(clauseStart, from - NEGATION_REACH), from, NEGATED), 'negated'],
    [lastCue(tokens, Math.max(clauseStart, from - INTENT_REACH), from, INTENT), 'intent'],
  ];
  found.sort((a, b) => b[0] - a[0]);
  if (found[0]![0] >= 0) return found[0]![1];

  if (lastCue(tokens, clauseStart, clauseEnd, YOUTH) >= 0) return 'youth';
  if (youthByGap(text, tokens, clauseStart, clauseEnd)) return 'youth';
  return 'own';
}

/**
 * 'som' closing its clause: what is left of 'som 15-årig' once the age is removed as a protected fact. Nothing else
 * ends a Danish clause with 'som'.
 */
function youthByGap(text: string, tokens: readonly ContextToken[], start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    if (tokens[i]!.fold !== 'som') continue;
    const next = tokens[i + 1];
    if (/^\s*(?:[,.;:)!?\n]|$)/.test(text.slice(tokens[i]!.end, next ? next.start : text.length)))
      return true;
  }
  return false;
}
