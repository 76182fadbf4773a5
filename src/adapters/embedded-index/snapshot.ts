import { createHash, randomBytes } from 'node:crypto';
import {
  closeSync,
  fchmodSync,
  fstatSync,
  fsyncSync,
  openSync,
  readSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { dirname } from 'node:path';
import { EmbeddedCandidateIndex, type IndexImage } from './embedded-candidate-index.ts';

/**
 * The embedded index on disk, so a restart loads it instead of deriving every candidate again from the Store.
 *
 *   0   "VIKARIDX"                      8 bytes
 *   8   format version                  uint32 LE
 *   12  header length H                 uint32 LE
 *   16  header, JSON (versions, feed position, the sections' names, types, offsets, lengths), zero-padded to 8
 *   ..  sections, each 8-aligned: the typed columns as little-endian raw bytes, and one JSON section of strings
 *   end SHA-256 of every byte before it  32 bytes
 *
 * Bump SNAPSHOT_FORMAT whenever the layout or what the index derives from a document changes: a snapshot of
 * another format is rebuilt, never read.
 */
export const SNAPSHOT_FORMAT = 1;
const MAGIC = Buffer.from('VIKARIDX', 'latin1');
const PREFIX = 16;
const DIGEST = 32;

/** What a snapshot must have been written under to be loaded: anything else and the index is rebuilt. */
export interface SnapshotStamp {
  /** The Store's schema (migration) version. */
  schemaVersion: number;
  taxonomyVersion: string;
}

type ColumnName = keyof IndexImage['columns'];
const TYPES = {
  Uint32Array,
  Int32Array,
  Uint8Array,
  Float32Array,
  Float64Array,
} as const;
type TypeName = keyof typeof TYPES;

interface Section {
  name: ColumnName | 'strings';
  type: TypeName;
  offset: number;
  length: number;
}

interface Header extends SnapshotStamp {
  format: number;
  /** The change feed's sequence number the index reflects: a load replays only what came after it. */
  feedPosition: number;
  writtenAt: string;
  candidates: number;
  slots: number;
  poolUsed: number;
  dead: number;
  sections: Section[];
}

interface Strings {
  terms: string[];
  ids: Array<string | null>;
  externalIds: string[];
  jobcentre: string[];
  benefits: string[];
  situations: IndexImage['situations'];
}

const align8 = (n: number) => Math.ceil(n / 8) * 8;

function typeName(array: IndexImage['columns'][ColumnName]): TypeName {
  return array.constructor.name as TypeName;
}

const bytesOf = (a: ArrayBufferView) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

/**
 * Writes the index to `file` atomically: to a temporary file beside it, fsynced, then renamed over it (and the
 * directory fsynced), so a crash leaves the old snapshot or the new one, never half of one. Returns the size.
 */
export function writeSnapshot(
  file: string,
  index: EmbeddedCandidateIndex,
  stamp: SnapshotStamp,
  feedPosition: number,
): number {
  const image = index.image();
  const strings: Strings = {
    terms: image.terms,
    ids: image.ids,
    externalIds: image.externalIds,
    jobcentre: image.jobcentre,
    benefits: image.benefits,
    situations: image.situations,
  };
  const stringBytes = Buffer.from(JSON.stringify(strings), 'utf8');
  const names = Object.keys(image.columns) as ColumnName[];
  const payloads: Array<{ section: Omit<Section, 'offset'>; bytes: Buffer }> = [
    ...names.map((name) => {
      const column = image.columns[name];
      return { section: { name, type: typeName(column), length: column.length }, bytes: bytesOf(column) };
    }),
    {
      section: { name: 'strings' as const, type: 'Uint8Array' as const, length: stringBytes.length },
      bytes: stringBytes,
    },
  ];
  // The header states the sections' offsets, which depend on the header's own length: lay it out until stable.
  let headerLength = 0;
  let header: Header;
  let headerBytes: Buffer;
  for (;;) {
    let offset = align8(PREFIX + headerLength);
    const sections = payloads.map(({ section, bytes }) => {
      const placed = { ...section, offset };
      offset = align8(offset + bytes.length);
      return placed;
    });
    header = {
      format: SNAPSHOT_FORMAT,
      ...stamp,
      feedPosition,
      writtenAt: new Date().toISOString(),
      candidates: image.slots - image.dead,
      slots: image.slots,
      poolUsed: image.poolUsed,
      dead: image.dead,
      sections,
    };
    headerBytes = Buffer.from(JSON.stringify(header), 'utf8');
    if (headerBytes.length === headerLength) break;
    headerLength = headerBytes.length;
  }
  const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  const fd = openSync(temp, 'w', 0o600);
  const hash = createHash('sha256');
  let at = 0;
  const put = (bytes: Buffer) => {
    hash.update(bytes);
    let done = 0;
    while (done < bytes.length) done += writeSync(fd, bytes, done, bytes.length - done, at + done);
    at += bytes.length;
  };
  const padTo = (offset: number) => {
    if (offset > at) put(Buffer.alloc(offset - at));
  };
  try {
    const prefix = Buffer.alloc(PREFIX);
    MAGIC.copy(prefix, 0);
    prefix.writeUInt32LE(SNAPSHOT_FORMAT, 8);
    prefix.writeUInt32LE(headerBytes.length, 12);
    put(prefix);
    put(headerBytes);
    header.sections.forEach((section, i) => {
      padTo(section.offset);
      put(payloads[i]!.bytes);
    });
    padTo(align8(at));
    const digest = hash.digest();
    writeSync(fd, digest, 0, DIGEST, at);
    fsyncSync(fd);
    closeSync(fd);
    renameSync(temp, file);
  } catch (error) {
    try {
      closeSync(fd);
    } catch {}
    rmSync(temp, { force: true });
    throw error;
  }
  syncDirectory(dirname(file));
  return at + DIGEST;
}

/** The rename is durable only once the directory entry is. */
function syncDirectory(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // Some file systems refuse to fsync a directory; the snapshot is only a cache, so this is not worth failing.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

export type SnapshotLoad =
  | { ok: true; index: EmbeddedCandidateIndex; feedPosition: number; candidates: number; bytes: number }
  | {
      ok: false;
      /** missing: no file; corrupt: damaged or truncated; stale: written under another format or schema;
       * other-taxonomy: written under another taxonomy. */
      reason: 'missing' | 'corrupt' | 'stale' | 'other-taxonomy';
      detail: string;
    };

class Corrupt extends Error {}

/**
 * Reads a snapshot, checking everything before trusting any of it: the magic, every byte against the checksum,
 * the format, the schema and taxonomy versions, and that the sections describe a consistent index. Each column
 * is read straight into an array of its own, so loading costs the index's size and no copy of the file.
 */
export function readSnapshot(file: string, expected: SnapshotStamp): SnapshotLoad {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT')
      return { ok: false, reason: 'missing', detail: file };
    throw error;
  }
  try {
    // It lists candidates' ids: the service user's only, like the database (one copied in with wider modes too).
    try {
      fchmodSync(fd, 0o600);
    } catch {}
    const size = fstatSync(fd).size;
    const hash = createHash('sha256');
    let at = 0;
    const take = (into: ArrayBufferView) => {
      const view = bytesOf(into);
      if (at + view.length > size - DIGEST) throw new Corrupt(`truncated: ${size} bytes`);
      let done = 0;
      while (done < view.length) {
        const n = readSync(fd, view, done, view.length - done, at + done);
        if (n === 0) throw new Corrupt(`truncated: ${size} bytes`);
        done += n;
      }
      hash.update(view);
      at += view.length;
    };
    const skipTo = (offset: number) => {
      if (offset < at) throw new Corrupt('overlapping sections');
      if (offset > at) take(new Uint8Array(offset - at));
    };
    if (size < PREFIX + DIGEST) throw new Corrupt(`truncated: ${size} bytes`);
    const prefix = Buffer.alloc(PREFIX);
    take(prefix);
    if (!prefix.subarray(0, 8).equals(MAGIC)) throw new Corrupt('not an index snapshot');
    const format = prefix.readUInt32LE(8);
    const headerBytes = Buffer.alloc(prefix.readUInt32LE(12));
    take(headerBytes);
    let header: Header;
    try {
      header = JSON.parse(headerBytes.toString('utf8')) as Header;
    } catch {
      throw new Corrupt('unreadable header');
    }
    const sections = Array.isArray(header.sections) ? header.sections : [];
    const arrays = new Map<string, ArrayBufferView>();
    for (const section of sections) {
      const Type = TYPES[section.type];
      if (!Type || !Number.isSafeInteger(section.length) || section.length < 0)
        throw new Corrupt('bad section');
      if (section.offset + section.length * Type.BYTES_PER_ELEMENT > size - DIGEST) {
        throw new Corrupt(`truncated: ${size} bytes`);
      }
      skipTo(section.offset);
      const array = new Type(section.length);
      take(array);
      arrays.set(section.name, array);
    }
    skipTo(align8(at));
    if (at !== size - DIGEST) throw new Corrupt(`${size - DIGEST - at} bytes after the last section`);
    const digest = Buffer.alloc(DIGEST);
    if (readSync(fd, digest, 0, DIGEST, at) !== DIGEST || !digest.equals(hash.digest())) {
      throw new Corrupt('checksum mismatch');
    }
    // Trusted from here on: every byte is as written.
    if (format !== SNAPSHOT_FORMAT || header.format !== SNAPSHOT_FORMAT) {
      return {
        ok: false,
        reason: 'stale',
        detail: `format ${format}, this version reads ${SNAPSHOT_FORMAT}`,
      };
    }
    if (header.schemaVersion !== expected.schemaVersion) {
      return {
        ok: false,
        reason: 'stale',
        detail: `written under schema version ${header.schemaVersion}, the database has ${expected.schemaVersion}`,
      };
    }
    if (header.taxonomyVersion !== expected.taxonomyVersion) {
      return {
        ok: false,
        reason: 'other-taxonomy',
        detail: `written under taxonomy ${header.taxonomyVersion}, configured is ${expected.taxonomyVersion}`,
      };
    }
    const stringsBytes = arrays.get('strings') as Uint8Array | undefined;
    if (!stringsBytes) throw new Corrupt('no strings section');
    const strings = JSON.parse(bytesOf(stringsBytes).toString('utf8')) as Strings;
    const columns = Object.fromEntries([...arrays].filter(([name]) => name !== 'strings'));
    const index = EmbeddedCandidateIndex.fromImage({
      slots: header.slots,
      poolUsed: header.poolUsed,
      dead: header.dead,
      ...strings,
      columns: columns as unknown as IndexImage['columns'],
    });
    return { ok: true, index, feedPosition: header.feedPosition, candidates: header.candidates, bytes: size };
  } catch (error) {
    if (error instanceof Corrupt) return { ok: false, reason: 'corrupt', detail: error.message };
    // A consistent checksum over inconsistent content: written by a broken build. Rebuilding is still right.
    return { ok: false, reason: 'corrupt', detail: (error as Error).message };
  } finally {
    closeSync(fd);
  }
}
