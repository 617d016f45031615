// Scopes a stylesheet to the library's root element with lightningcss: every selector is put inside `.slots-root`
// (`.card` becomes `.slots-root .card`), and those that name the page itself (`:root`, `html`, `body`) become
// `.slots-root`, so the components' styles reach nothing of the host's page. `checkScoped` says which selectors of a
// stylesheet are not inside the root (npm run build:lib fails on any).
import { transform } from 'lightningcss';

export const ROOT = 'slots-root';
const PAGE = new Set(['root', 'html', 'body']);

const names = (component) =>
  (component.type === 'pseudo-class' && component.kind === 'root') || (component.type === 'type' && PAGE.has(component.name));

export function scopeCss(css, filename) {
  const { code } = transform({
    filename,
    code: Buffer.from(css),
    minify: true,
    visitor: {
      Selector(selector) {
        const first = selector[0];
        if (first && names(first)) {
          return [{ type: 'class', name: ROOT }, ...selector.slice(1)];
        }

        return [{ type: 'class', name: ROOT }, { type: 'combinator', value: 'descendant' }, ...selector];
      },
    },
  });
  return code.toString();
}

export function checkScoped(css, filename) {
  const outside = [];
  transform({
    filename,
    code: Buffer.from(css),
    visitor: {
      Selector(selector) {
        const first = selector[0];
        if (!(first?.type === 'class' && first.name === ROOT)) {
          outside.push(JSON.stringify(selector));
        }

        return selector;
      },
    },
  });
  return outside;
}
