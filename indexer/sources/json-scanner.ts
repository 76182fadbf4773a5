import { isPlainObject, jsonTypeName, parseJson } from './parse-json.ts';
import { MAX_RECORD_CHARS } from './read-text.ts';
import type { RecordKind, SourceRecord } from './types.ts';

/** The wrapper keys `{ "candidates": [...] }` / `{ "jobOrders": [...] }` and the kind each one holds. */
const WRAPPER_KEYS: Record<string, RecordKind> = { candidates: 'candidates', jobOrders: 'job-orders' };

const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const NEWLINE = 0x0a;

function isSpace(c: number): boolean {
  return c === 0x20 || c === NEWLINE || c === 0x0d || c === 0x09;
}

/** The text of one array element (or of a top-level object) while it is being read. */
interface Capture {
  parts: string[];
  length: number;
  /** Index in the current chunk where the not-yet-saved text begins. */
  segStart: number;
  line: number;
  column: number;
  /** Set when the scanner already knows the element is not valid JSON; the reason is reported as is. */
  broken?: string;
  /** The element is an array; reported without parsing it. */
  isArray: boolean;
  /** Text dropped because the element is larger than MAX_RECORD_CHARS. */
  dropped: boolean;
}

/**
 * A streaming scanner for a JSON file that holds an array of objects, a single object, or a wrapper object with the
 * array under "candidates" / "jobOrders". It tracks only string/escape state and bracket depth, slices out one
 * top-level element at a time and JSON.parse's it, so memory holds one element and every record knows its line.
 *
 * Recovery: a JSON string never spans lines, so a newline inside one ends it (and breaks only that element); a
 * closing bracket of the wrong kind pops to its partner; and an opening brace where an element's next key should
 * be means the element lost its closing brace, so the next element starts there.
 *
 * Kept rather than a streaming JSON library: `@streamparser/json` stops at the first syntax error (one broken
 * record would lose the rest of the file) and knows no line numbers, and it is slower. `npm run bench -- --section
 * json` (bench/json.ts) reads 100,000 pretty-printed candidates (112 MB) in 1.46 s here against 3.36 s with the
 * library: 2.3× faster.
 */
export class JsonScanner {
  private readonly out: SourceRecord[] = [];
  private phase: 'start' | 'body' | 'after' | 'failed' = 'start';
  private readonly stack: number[] = [];
  /** Stack depth at which array elements live: 1 for a top-level array, 2 inside a wrapper, 0 when none. */
  private elementDepth = 0;
  private capture: Capture | undefined;
  private primitive: { line: number; first: number } | undefined;
  /** The last element ended broken: a stray closing brace right after it belongs to it. */
  private lastBroken = false;
  private lastSignificant = 0;
  private inString = false;
  private escape = false;
  private line = 1;
  private lineStart = 0;
  private chunkBase = 0;
  private rootLine = 1;
  /** Key tracking at depth 1 of a top-level object, to spot a wrapper: 0 key expected, 1 in key, 2 colon, 3 value. */
  private keyState = 0;
  private key = '';
  private keySegStart = -1;

  constructor(
    private readonly file: string,
    private readonly kind: RecordKind,
  ) {}

  push(chunk: string): SourceRecord[] {
    if (this.capture && this.capture.segStart < 0) this.capture.segStart = 0;
    if (this.keySegStart < 0 && this.keyState === 1) this.keySegStart = 0;
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk.charCodeAt(i);
      if (this.phase === 'failed') break;
      if (this.inString) {
        if (this.escape) this.escape = false;
        else if (c === BACKSLASH) this.escape = true;
        else if (c === QUOTE) this.endString(chunk, i);
        else if (c === NEWLINE) {
          this.markBroken(`string not closed before the end of line ${this.line}`);
          this.endString(chunk, i);
          this.newline(i);
        }
        continue;
      }
      if (isSpace(c)) {
        if (c === NEWLINE) this.newline(i);
        continue;
      }
      if (this.phase === 'start') this.begin(c, i);
      else if (this.phase === 'after') this.fail('unexpected content after the end of the JSON value');
      else if (this.elementDepth > 0 && this.stack.length === this.elementDepth) this.between(c, i);
      else this.inside(c, chunk, i);
    }
    this.saveChunkTail(chunk);
    this.chunkBase += chunk.length;
    return this.out.splice(0);
  }

  end(): SourceRecord[] {
    if (this.phase === 'start') this.error(1, 'file is empty');
    if (this.phase === 'body') {
      if (this.primitive) this.endPrimitive();
      if (this.capture) {
        const what = this.elementDepth > 0 ? 'element' : 'object';
        this.error(this.capture.line, `file ends inside this ${what} (truncated file?)`);
        this.capture = undefined;
      }
      if (this.stack.length > 0)
        this.error(this.line, `file ends before the JSON value opened at line ${this.rootLine} is closed`);
    }
    return this.out.splice(0);
  }

  private column(i: number): number {
    return this.chunkBase + i - this.lineStart + 1;
  }

  private newline(i: number): void {
    this.line++;
    this.lineStart = this.chunkBase + i + 1;
  }

  private error(line: number, error: string): void {
    this.out.push({ ok: false, file: this.file, line, error });
  }

  private fail(reason: string): void {
    this.error(this.line, reason);
    this.phase = 'failed';
    this.capture = undefined;
  }

  private begin(c: number, i: number): void {
    this.rootLine = this.line;
    this.phase = 'body';
    if (c === OPEN_ARRAY) {
      this.stack.push(c);
      this.elementDepth = 1;
    } else if (c === OPEN_OBJECT) {
      this.stack.push(c);
      this.startCapture(i, false);
    } else {
      this.fail('the file must hold an array of objects, a single object or { "candidates": [...] }');
    }
  }

  /** At element level of an array: between elements, or inside a string/number/literal element. */
  private between(c: number, i: number): void {
    if (this.primitive && (c === COMMA || c === CLOSE_ARRAY)) this.endPrimitive();
    if (c === COMMA) return;
    if (c === CLOSE_ARRAY) {
      this.stack.pop();
      this.lastBroken = false;
      if (this.stack.length === 0) this.phase = 'after';
      // The wrapper's array is done; the rest of the wrapper object is scanned and ignored.
      this.elementDepth = 0;
      this.keyState = 4;
      return;
    }
    if (c === CLOSE_OBJECT) {
      if (this.lastBroken) this.lastBroken = false;
      else this.fail(`unexpected "}" at line ${this.line}`);
      return;
    }
    this.lastBroken = false;
    if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
      this.stack.push(c);
      this.startCapture(i, c === OPEN_ARRAY);
      return;
    }
    if (!this.primitive) this.primitive = { line: this.line, first: c };
    if (c === QUOTE) this.startString(i);
  }

  /** Inside an element, inside a single top-level object, or inside a wrapper object outside its array. */
  private inside(c: number, chunk: string, i: number): void {
    const atRootObject = this.elementDepth === 0 && this.stack.length === 1;
    if (c === QUOTE) {
      this.startString(i);
    } else if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
      if (atRootObject && this.keyState === 3 && c === OPEN_ARRAY && this.key in WRAPPER_KEYS) {
        this.openWrapper(this.key);
        return;
      }
      if (
        c === OPEN_OBJECT &&
        this.capture &&
        this.elementDepth > 0 &&
        this.stack.length === this.elementDepth + 1 &&
        this.stack[this.stack.length - 1] === OPEN_OBJECT &&
        this.lastSignificant !== COLON
      ) {
        this.markBroken(`missing "}": the next element seems to start at line ${this.line}`);
        this.stack.length = this.elementDepth;
        this.finishCapture(chunk, i - 1);
        this.stack.push(c);
        this.startCapture(i, false);
        return;
      }
      this.stack.push(c);
    } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
      this.close(c, chunk, i);
      return;
    } else if (c === COMMA) {
      if (atRootObject) this.keyState = 0;
    } else if (c === COLON) {
      if (atRootObject && this.keyState === 2) this.keyState = 3;
    }
    if (atRootObject && this.keyState === 3 && c !== COLON) this.keyState = 4;
    this.lastSignificant = c;
  }

  private close(c: number, chunk: string, i: number): void {
    const partner = c === CLOSE_OBJECT ? OPEN_OBJECT : OPEN_ARRAY;
    const floor = this.elementDepth;
    let j = this.stack.length - 1;
    while (j >= floor && this.stack[j] !== partner) j--;
    if (j !== this.stack.length - 1) {
      const found = j >= floor;
      this.markBroken(
        `"${String.fromCharCode(c)}" at line ${this.line} does not close the bracket opened before it`,
      );
      if (!found) {
        // It belongs to an enclosing level: end the element here and let that level handle the bracket.
        this.stack.length = floor;
        if (this.capture && floor > 0) this.finishCapture(chunk, i - 1);
        if (this.stack.length === 0) this.fail(`unexpected "${String.fromCharCode(c)}" at line ${this.line}`);
        else this.between(c, i);
        return;
      }
      this.stack.length = j + 1;
    }
    this.stack.pop();
    this.lastSignificant = c;
    if (this.elementDepth > 0 && this.stack.length === this.elementDepth) this.finishCapture(chunk, i);
    else if (this.stack.length === 0) {
      if (this.capture) this.finishCapture(chunk, i);
      this.phase = 'after';
    } else if (this.elementDepth === 0 && this.stack.length === 1) this.keyState = 4;
  }

  private openWrapper(key: string): void {
    this.stack.push(OPEN_ARRAY);
    this.capture = undefined;
    const holds = WRAPPER_KEYS[key]!;
    if (holds === this.kind) {
      this.elementDepth = 2;
    } else {
      // Scanned but not read: its elements are the other kind.
      this.error(this.line, `the file holds "${key}", but ${this.kind} are being imported`);
    }
  }

  private startString(i: number): void {
    this.inString = true;
    this.lastSignificant = QUOTE;
    if (this.elementDepth === 0 && this.stack.length === 1 && this.keyState === 0) {
      this.keyState = 1;
      this.key = '';
      this.keySegStart = i + 1;
    }
  }

  private endString(chunk: string, i: number): void {
    this.inString = false;
    if (this.keyState === 1) {
      this.key += chunk.slice(Math.max(this.keySegStart, 0), i);
      this.keySegStart = -1;
      this.keyState = 2;
    }
    if (this.primitive) this.endPrimitive();
  }

  private startCapture(i: number, isArray: boolean): void {
    this.capture = {
      parts: [],
      length: 0,
      segStart: i,
      line: this.line,
      column: this.column(i),
      isArray,
      dropped: false,
    };
    this.lastSignificant = this.stack[this.stack.length - 1]!;
  }

  private markBroken(reason: string): void {
    if (this.capture && !this.capture.broken) this.capture.broken = reason;
  }

  private saveChunkTail(chunk: string): void {
    if (this.keyState === 1 && this.keySegStart >= 0) {
      this.key += chunk.slice(this.keySegStart);
      if (this.key.length > 100) this.key = this.key.slice(0, 100);
    }
    this.keySegStart = -1;
    const cap = this.capture;
    if (!cap) return;
    if (!cap.dropped) {
      const tail = chunk.slice(cap.segStart);
      cap.parts.push(tail);
      cap.length += tail.length;
      if (cap.length > MAX_RECORD_CHARS) {
        cap.dropped = true;
        cap.parts = [];
      }
    }
    cap.segStart = -1;
  }

  /** Ends the captured element with the character at `last` (inclusive) and emits it. */
  private finishCapture(chunk: string, last: number): void {
    const cap = this.capture;
    this.capture = undefined;
    if (!cap) return;
    const start = Math.max(cap.segStart, 0);
    const line = cap.line;
    this.lastBroken = cap.broken !== undefined;
    if (cap.dropped) {
      this.error(line, `element larger than ${MAX_RECORD_CHARS / 1024 / 1024} MB`);
      return;
    }
    if (cap.broken) {
      this.error(line, `invalid JSON: ${cap.broken}`);
      return;
    }
    if (cap.isArray) {
      this.error(line, 'array element is an array, not an object');
      return;
    }
    const text =
      cap.parts.length === 0
        ? chunk.slice(start, last + 1)
        : cap.parts.join('') + chunk.slice(start, last + 1);
    const parsed = parseJson(text, line, cap.column);
    if (!parsed.ok) {
      this.lastBroken = true;
      this.error(line, parsed.error);
    } else if (!isPlainObject(parsed.value)) {
      this.error(line, `value is ${jsonTypeName(parsed.value)}, not an object`);
    } else this.out.push({ ok: true, file: this.file, line, value: parsed.value });
  }

  private endPrimitive(): void {
    const p = this.primitive!;
    this.primitive = undefined;
    const type =
      p.first === QUOTE
        ? 'a string'
        : p.first === 0x74 || p.first === 0x66
          ? 'a boolean'
          : p.first === 0x6e
            ? 'null'
            : 'a number';
    this.error(p.line, `array element is ${type}, not an object`);
  }
}
