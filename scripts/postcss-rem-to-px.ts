/**
 * PostCSS plugin: rewrite `rem` lengths to `px` (1rem = 16px).
 * Why: in a shadow root, rem resolves against the host page's <html> font-size, which
 * Seller Central may change; px keeps the overlay the same size on every page.
 */
export function remToPx(base = 16) {
  const re = /(-?\d*\.?\d+)rem\b/g;
  return {
    postcssPlugin: 'skulink-rem-to-px',
    Declaration(decl: { value: string }) {
      if (decl.value.includes('rem')) {
        decl.value = decl.value.replace(re, (_m, n: string) => `${+(parseFloat(n) * base).toFixed(4)}px`);
      }
    },
  };
}
remToPx.postcss = true;
