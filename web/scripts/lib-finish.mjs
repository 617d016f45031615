// The last step of `npm run build:lib`: the API's generated types go beside the declarations that import them (tsc
// copies no .d.ts source), then the checks: the stylesheet applies only inside `.slots-root` (no selector reaches the
// host's page), the module imports nothing but the host's React and react-query, and the declarations none but React.
import { copyFileSync, readdirSync, readFileSync } from 'node:fs';
import { checkScoped } from './scope-css.mjs';

const dist = new URL('../lib/dist/', import.meta.url);
copyFileSync(new URL('../src/app/api/schema.d.ts', import.meta.url), new URL('types/app/api/schema.d.ts', dist));
const css = readFileSync(new URL('styles.css', dist), 'utf8');
const outside = checkScoped(css, 'styles.css');
if (outside.length > 0) {
  console.error(`lib/dist/styles.css: ${outside.length} selectors reach outside .slots-root:\n${outside.slice(0, 10).join('\n')}`);
  process.exit(1);
}

const js = readFileSync(new URL('index.js', dist), 'utf8');
const imports = [...js.matchAll(/\bfrom\s*["']([^"']+)["']/g)].map((m) => m[1]);
const foreign = imports.filter((name) => !/^(react|react-dom|react\/jsx-runtime|@tanstack\/react-query)$/.test(name));
if (foreign.length > 0) {
  console.error(`lib/dist/index.js imports ${foreign.join(', ')}: only the peer dependencies may stay outside the bundle`);
  process.exit(1);
}

const types = readdirSync(new URL('types/', dist), { recursive: true }).filter((f) => f.endsWith('.d.ts'));
const typeImports = types.flatMap((f) => [...readFileSync(new URL(`types/${f}`, dist), 'utf8').matchAll(/\bfrom\s*'([^'.][^']*)'/g)].map((m) => m[1]));
if (typeImports.some((name) => name !== 'react')) {
  console.error(`the declarations import ${[...new Set(typeImports)].join(', ')}: a host would need their types`);
  process.exit(1);
}

console.log(`library: ${Math.round(js.length / 1024)} KB of JS, ${Math.round(css.length / 1024)} KB of CSS, imports ${[...new Set(imports)].join(', ')}`);
