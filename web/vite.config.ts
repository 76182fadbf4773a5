import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// dkfds exports only its JS entry; its stylesheet (with the fonts and icons it references) is reached by path, so
// everything is bundled from the package and served by us: no CDN, the app must work offline.
const dkfdsCss = fileURLToPath(new URL('./node_modules/dkfds/dist/css/dkfds.min.css', import.meta.url));

// `npm run dev` (and `vite preview`) pass the API through to a running server: VM_API, default the README's port.
// The Host header is kept, so links the server builds from it (the company link) point back to this dev server.
const apiTarget = { target: process.env.VM_API ?? 'http://127.0.0.1:3000', changeOrigin: false };

export default defineConfig({
  plugins: [react()],
  resolve: { alias: { 'dkfds-css': dkfdsCss } },
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false, chunkSizeWarningLimit: 400 },
  server: { proxy: { '/v1': apiTarget, '/admin/queues': apiTarget } },
  preview: { proxy: { '/v1': apiTarget, '/admin/queues': apiTarget } },
});
