import react from '@vitejs/plugin-react';
import { readFileSync } from 'node:fs';
import { defineConfig, type Plugin } from 'vite';
import { scopeCss } from './scripts/scope-css.mjs';

// The library build (npm run build:lib): src/lib as one ES module in lib/dist, the host's React and react-query left
// out, and styles.css scoped to `.slots-root` (scripts/scope-css.mjs) as lib/dist/styles.css.
const external = ['react', 'react-dom', 'react/jsx-runtime', '@tanstack/react-query'];

function scopedStyles(): Plugin {
  return {
    name: 'slots-scoped-styles',
    generateBundle() {
      const css = readFileSync(new URL('./src/styles.css', import.meta.url), 'utf8');
      this.emitFile({ type: 'asset', fileName: 'styles.css', source: scopeCss(css, 'styles.css') });
    },
  };
}

export default defineConfig({
  plugins: [react(), scopedStyles()],
  build: {
    target: 'es2022',
    outDir: 'lib/dist',
    emptyOutDir: true,
    sourcemap: false,
    reportCompressedSize: false,
    lib: { entry: 'src/lib/index.tsx', formats: ['es'], fileName: 'index' },
    rolldownOptions: { external: (id) => external.some((name) => id === name || id.startsWith(`${name}/`)) },
  },
});
