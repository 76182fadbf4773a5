#!/usr/bin/env node
// Runs the TypeScript CLI directly (tsx transpiles on load), so a clone needs no build step.
import { register } from 'tsx/esm/api';

register();
const { cliMain } = await import('../src/cli.ts');
await cliMain();
