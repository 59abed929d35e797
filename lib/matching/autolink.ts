/**
 * Automatic linking by exact identifiers (SKU, GTIN, ASIN).
 * Why only exact identifiers: bulk links must never be guesses; a shared identifier is reported
 * as ambiguous for the seller to resolve.
 */
import type { MatchIndex } from './match-index';
import type { MatchListing } from './types';

/** One automatic link. */
export interface AutoLink {
  listingId: string;
  productId: string;
  kind: 'sku' | 'gtin' | 'asin';
}

/** Result of autoLink: the links to create and counts for the summary toast. */
export interface AutoLinkResult {
  links: AutoLink[];
  summary: { linked: number; alreadyLinked: number; noMatch: number; ambiguous: number };
}

/**
 * Link every not-yet-linked listing whose SKU, GTIN or ASIN names exactly one catalog product.
 * Listings without an id are skipped (they cannot be linked); they count as no match.
 */
export function autoLink(listings: MatchListing[], index: MatchIndex, isLinked: (listingId: string) => boolean): AutoLinkResult {
  const links: AutoLink[] = [];
  const summary = { linked: 0, alreadyLinked: 0, noMatch: 0, ambiguous: 0 };
  for (const l of listings) {
    if (!l.id) { summary.noMatch++; continue; }
    if (isLinked(l.id)) { summary.alreadyLinked++; continue; }
    const m = index.exactMatches(l);
    if (!m) { summary.noMatch++; continue; }
    if (m.productIds.length > 1) { summary.ambiguous++; continue; }
    links.push({ listingId: l.id, productId: m.productIds[0]!, kind: m.kind });
    summary.linked++;
  }
  return { links, summary };
}
