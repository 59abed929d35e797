import css from './overlay.css?inline';

let sheet: CSSStyleSheet | undefined;

/**
 * One constructed stylesheet shared by every overlay shadow root (adopted, not copied), so a
 * thousand row badges cost one parse. `@property` rules only work at document level, so they
 * are split off and added to the page once.
 */
export function overlaySheet(doc: Document = document): CSSStyleSheet {
  if (sheet) return sheet;
  const properties = css.match(/@property\s+[^{]+\{[^}]*\}/g) ?? [];
  sheet = new CSSStyleSheet();
  sheet.replaceSync(css.replace(/@property\s+[^{]+\{[^}]*\}/g, ''));
  if (properties.length && !doc.getElementById('skulink-properties')) {
    const style = doc.createElement('style');
    style.id = 'skulink-properties';
    style.textContent = properties.join('\n');
    (doc.head ?? doc.documentElement).append(style);
  }
  return sheet;
}

/** Attach an open shadow root with the overlay's styles to a host element we created. */
export function attachOverlayShadow(host: HTMLElement): ShadowRoot {
  const root = host.attachShadow({ mode: 'open' });
  root.adoptedStyleSheets = [overlaySheet(host.ownerDocument)];
  return root;
}

/** The overlay's type: set inline on hosts because `all: initial` there resets what :host would give. */
export const FONT_STYLE =
  'font-family: ui-sans-serif, system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", "Noto Sans JP", sans-serif; font-size: 12px; line-height: 1.35; color: #0f1111;';

/**
 * Inline styles that keep a host element out of the page's CSS (they beat the page's selectors).
 * A fixed height with `contain: strict` means a badge changing state (linked → not linked,
 * a suggestion arriving) repaints only itself: the page's table is never laid out again for it.
 */
export const HOST_STYLE = `all: initial; display: block; box-sizing: border-box; height: 26px; margin: 4px 0 0 0; contain: strict; ${FONT_STYLE}`;
