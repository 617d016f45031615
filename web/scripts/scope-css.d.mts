/** The library's root class: every rule of its stylesheet applies inside an element of this class. */
export const ROOT: string;
/** The stylesheet with every selector inside `.slots-root` (the page's own, `:root`, `html`, `body`, become it), minified. */
export function scopeCss(css: string, filename: string): string;
/** The selectors of a stylesheet that do not start inside `.slots-root`. */
export function checkScoped(css: string, filename: string): string[];
