import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

// `./slots run` serves the built files from the API's origin, so the UI calls the API at the same origin ('/api/...').
// `npm run dev` proxies those paths to the API that ./slots run started.
const api = process.env.SLOTS_API ?? 'http://127.0.0.1:5080';

export default defineConfig({
  plugins: [react()],
  build: { target: 'es2022', sourcemap: false, reportCompressedSize: false },
  server: { proxy: { '/api': api, '/health': api } },
  test: {
    environment: 'jsdom',
    setupFiles: ['./src/test/setup.ts'],
    include: ['src/**/*.test.{ts,tsx}'],
    restoreMocks: true,
  },
});
