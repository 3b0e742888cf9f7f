// Built by `vite build web` into web/dist, which `segmint serve` serves at /. `vite web` runs a dev server that
// forwards API calls to a local `segmint serve` on port 8080.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 1000 },
  server: {
    proxy: { '/api': 'http://127.0.0.1:8080' },
    // The app imports the shared zod schemas and the segment text parser from ../src.
    fs: { allow: ['..'] },
  },
});
