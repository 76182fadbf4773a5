// A worker thread starts without the TypeScript loader of its parent under some runners (the CLI registers tsx
// programmatically, vitest uses its own), so it registers tsx itself before loading the worker.
import { register } from 'tsx/esm/api';

register();
await import('./ingest-worker.ts');
