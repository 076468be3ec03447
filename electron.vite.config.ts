// Builds the three bundles without needing the Electron binary (tech-scout §2):
//   out/main/index.js      Electron main process      (src-main/electron/main.ts)
//   out/main/server.js     browser-mode host           (src-main/web/server.ts)
//   out/main/runner-worker.js  workspace-run worker    (src-main/runner/worker/worker-main.ts)
//   out/preload/index.cjs  sandboxed preload, CommonJS (src-main/electron/preload.ts)
//   out/renderer/          the React app               (src-renderer/index.html)
// Options go under `rolldownOptions`: electron-vite 6 presets write there and would drop a
// user `rollupOptions` object.
import { resolve } from 'node:path'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'electron-vite'

export default defineConfig({
  main: {
    build: {
      // Dependencies (sql.js included) stay external and load from node_modules at run time;
      // the engine finds sql.js's wasm itself with createRequire.
      externalizeDeps: true,
      rolldownOptions: {
        input: {
          index: resolve('src-main/electron/main.ts'),
          server: resolve('src-main/web/server.ts'),
          // Workspace runs execute in a worker thread started from this file (src-main/runner).
          'runner-worker': resolve('src-main/runner/worker/worker-main.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      rolldownOptions: {
        input: { index: resolve('src-main/electron/preload.ts') },
        // "type": "module" would make an ESM preload, which a sandboxed renderer cannot load.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'src-renderer',
    plugins: [react()],
    // Monaco's and the layout's workers are ES modules (they import their dependencies).
    worker: { format: 'es' },
    build: {
      // Monaco and its TypeScript worker are big by nature; they load once, from disk.
      chunkSizeWarningLimit: 8000,
      rolldownOptions: {
        input: { index: resolve('src-renderer/index.html') },
      },
    },
  },
})
