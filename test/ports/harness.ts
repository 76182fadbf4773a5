import { afterEach, beforeEach } from 'vitest';
import type { StoreDatabase, Stores } from '../../src/ports/stores.ts';

/** Every store of one adapter family on one fresh, empty, migrated database. */
export interface OpenedStores {
  stores: Stores;
  database: StoreDatabase;
}

/**
 * What an adapter's test file hands each contract: a new database per test. `cleanup` disposes of it (default:
 * database.close()); a server adapter may drop its schema there.
 */
export interface StoresFactory {
  open(): Promise<OpenedStores>;
  cleanup?(opened: OpenedStores): Promise<void>;
}

/** Opens fresh stores before each test of the enclosing describe and disposes of them after; read via the getter. */
export function useStores(factory: StoresFactory): () => OpenedStores {
  let opened: OpenedStores | undefined;
  beforeEach(async () => {
    opened = await factory.open();
  });
  afterEach(async () => {
    if (!opened) return;
    await (factory.cleanup ? factory.cleanup(opened) : opened.database.close());
    opened = undefined;
  });
  return () => {
    if (!opened) throw new Error('stores are open only inside a test');
    return opened;
  };
}

/** Resolves once the ISO clock has moved on, so a touched updatedAt would be visible. */
export async function nextMillisecond(): Promise<void> {
  const start = new Date().toISOString();
  const deadline = Date.now() + 1000;
  while (new Date().toISOString() === start) {
    if (Date.now() > deadline) throw new Error('the clock did not advance');
    await new Promise((resolve) => setImmediate(resolve));
  }
}
