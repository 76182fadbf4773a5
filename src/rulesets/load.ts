/**
 * Finds, parses and validates eligibility rule sets. The only I/O around eligibility; scoring stays pure.
 *
 * Search order: each of `opts.dirs` (a deployment's own directory, e.g. from RULESETS_DIR; the caller reads the
 * environment), then the directory shipped with the code. The first directory holding `<name>.json` wins, so a
 * deployment may override a shipped rule set, `default` included: rules change with the law and a kommune must
 * be able to follow without waiting for a release. What a deployment file cannot do is escape its directory
 * (names are `[a-z0-9-]+`) or claim another name (the `name` field must match the file name).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RULE_SET_NAME, type RuleSet, ruleSetSchema } from '../../scoring/eligibility.ts';
import { formatPath } from '../domain/errors.ts';

export const SHIPPED_RULESETS_DIR = fileURLToPath(new URL('.', import.meta.url));

export interface LoadOptions {
  /** Searched in order before the shipped directory. Each must exist: a configured but missing dir is a mistake. */
  dirs?: readonly string[];
}

export interface RuleSetInfo {
  name: string;
  version: string;
  description: string;
  /** 'deployment' when found in one of `opts.dirs`, including when it overrides a shipped set of that name. */
  source: 'shipped' | 'deployment';
  file: string;
}

interface CacheEntry {
  mtimeMs: number;
  size: number;
  ruleSet: RuleSet;
}

// Keyed by file path (dir + name); mtime and size decide whether the entry is still good.
const cache = new Map<string, CacheEntry>();

function searchDirs(opts: LoadOptions | undefined): { dir: string; source: RuleSetInfo['source'] }[] {
  const dirs = (opts?.dirs ?? []).map((dir) => {
    const absolute = resolve(dir);
    let isDir = false;
    try {
      isDir = statSync(absolute).isDirectory();
    } catch {
      // fall through to the error below
    }
    if (!isDir) throw new Error(`rule set directory not found: ${absolute}`);
    return { dir: absolute, source: 'deployment' as const };
  });
  return [...dirs, { dir: SHIPPED_RULESETS_DIR, source: 'shipped' as const }];
}

/** Longer names are refused before they reach the file system (a long one failed there with ENAMETOOLONG). */
export const RULE_SET_NAME_MAX = 64;

/** A well-formed name no search directory holds; `available` lists the ones that exist. */
export class UnknownRuleSetError extends Error {
  constructor(
    readonly ruleSet: string,
    readonly available: string[],
  ) {
    super(`unknown rule set "${ruleSet}"; available: ${available.join(', ') || '(none)'}`);
    this.name = 'UnknownRuleSetError';
  }
}

function assertName(name: string): void {
  if (name.length > RULE_SET_NAME_MAX) {
    throw new Error(`invalid rule set name: longer than ${RULE_SET_NAME_MAX} characters`);
  }
  if (!RULE_SET_NAME.test(name)) {
    throw new Error(
      `invalid rule set name ${JSON.stringify(name)}: use lower-case letters, digits and "-" only`,
    );
  }
}

function statFile(file: string): { mtimeMs: number; size: number } | undefined {
  try {
    const stat = statSync(file);
    return stat.isFile() ? { mtimeMs: stat.mtimeMs, size: stat.size } : undefined;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

function parseFile(file: string, name: string): RuleSet {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`rule set file ${file}: invalid JSON: ${(err as Error).message}`);
  }
  const result = ruleSetSchema.safeParse(json);
  if (!result.success) {
    const issues = result.error.issues.map((i) => `${formatPath(i.path)}: ${i.message}`).join('; ');
    throw new Error(`rule set file ${file}: ${issues}`);
  }
  if (result.data.name !== name) {
    throw new Error(
      `rule set file ${file}: name is ${JSON.stringify(result.data.name)}, must match the file name`,
    );
  }
  // Frozen because every caller shares the cached object.
  return deepFreeze(result.data);
}

function loadFile(file: string, name: string, stat: { mtimeMs: number; size: number }): RuleSet {
  const cached = cache.get(file);
  if (cached && cached.mtimeMs === stat.mtimeMs && cached.size === stat.size) return cached.ruleSet;
  const ruleSet = parseFile(file, name);
  cache.set(file, { ...stat, ruleSet });
  return ruleSet;
}

function find(name: string, opts: LoadOptions | undefined) {
  for (const { dir, source } of searchDirs(opts)) {
    const file = join(dir, `${name}.json`);
    const stat = statFile(file);
    if (stat) return { file, source, ruleSet: loadFile(file, name, stat) };
  }
  return undefined;
}

function availableNames(opts: LoadOptions | undefined): string[] {
  const names = new Set<string>();
  for (const { dir } of searchDirs(opts)) {
    for (const entry of readdirSync(dir)) {
      const name = entry.endsWith('.json') ? entry.slice(0, -'.json'.length) : '';
      if (RULE_SET_NAME.test(name)) names.add(name);
    }
  }
  return [...names].sort();
}

/**
 * Why a job order may not name this rule set (unknown, listing the ones that exist), or undefined when it may.
 * Checked when an order is written: a job order with a rule set no worker can load would fail every shortlist.
 * An invalid rule set file is the deployment's fault, not the writer's, and still throws.
 */
export function ruleSetProblem(name: string, load: (name: string) => unknown): string | undefined {
  try {
    load(name);
    return undefined;
  } catch (error) {
    if (error instanceof UnknownRuleSetError) return error.message;
    if (error instanceof Error && error.message.startsWith('invalid rule set name')) return error.message;
    throw error;
  }
}

/** Throws when the name is malformed or unknown (listing what exists), or when the file is invalid. */
export function loadRuleSet(name: string, opts?: LoadOptions): RuleSet {
  assertName(name);
  const found = find(name, opts);
  if (!found) throw new UnknownRuleSetError(name, availableNames(opts));
  return found.ruleSet;
}

/** Every rule set the search order can reach, each once (the winning file). Throws on any invalid file. */
export function listRuleSets(opts?: LoadOptions): RuleSetInfo[] {
  return availableNames(opts).map((name) => {
    const { file, source, ruleSet } = find(name, opts)!;
    return { name, version: ruleSet.version, description: ruleSet.description, source, file };
  });
}
