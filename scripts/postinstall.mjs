// Runs after the root `npm install`: installs the web app's own dependencies and builds web/dist, so
// `npm install && npm start` serves the app. Plain JavaScript: tsx may not be installed yet when this runs.
// Where web/ is not part of the tree (the Docker image's dependency stage copies only the manifests) it skips.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const web = join(root, 'web');
if (!existsSync(join(web, 'package.json'))) {
  console.log('postinstall: no web/ here, the web app is not built');
  process.exit(0);
}
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
for (const args of [
  ['--prefix', web, 'install', '--no-audit', '--no-fund'],
  ['--prefix', web, 'run', 'build'],
]) {
  const r = spawnSync(npm, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`postinstall: npm ${args.join(' ')} failed`);
    process.exit(r.status ?? 1);
  }
}
