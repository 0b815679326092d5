import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The browser app lives in web/; the server serves the build from dist/web.
export default defineConfig({
  root: 'web',
  plugins: [react()],
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
  },
  server: {
    host: '127.0.0.1',
    // Keep the Host header: the server rejects unsafe requests whose Origin differs from Host.
    proxy: { '/api': { target: 'http://127.0.0.1:3000', changeOrigin: false } },
  },
});
