/**
 * Localized labels Seller Central shows next to the values Skulink reads.
 * Why a dictionary: the pages are served in the seller's language (not the marketplace's), so a
 * German seller on amazon.com sees "Preis"; selectors anchored on labels must know them all.
 * Only English and the German "Stückzahl" are seen in public material (H); the other strings are
 * our best reading of Amazon's translations (L). Value patterns in `selectors.ts` back them up.
 */

/** Languages with entries (Seller Central's UI languages we expect). */
export type LabelLanguage = 'en' | 'de' | 'fr' | 'it' | 'es' | 'pt' | 'nl' | 'pl' | 'sv' | 'tr' | 'ja' | 'ar' | 'zh';

/** What a label announces. */
export type LabelKey =
  | 'asin'
  | 'sku'
  | 'fnsku'
  | 'price'
  | 'minPrice'
  | 'maxPrice'
  | 'available'
  | 'quantity'
  | 'afn'
  | 'mfn';

/** Label texts per key and language, as shown on the page (case and accents as Amazon writes them). */
export const LABELS: Readonly<Record<LabelKey, Readonly<Partial<Record<LabelLanguage, readonly string[]>>>>> = {
  asin: { en: ['ASIN'], de: ['ASIN'], fr: ['ASIN'], it: ['ASIN'], es: ['ASIN'], pt: ['ASIN'], nl: ['ASIN'], pl: ['ASIN'], sv: ['ASIN'], tr: ['ASIN'], ja: ['ASIN'], ar: ['ASIN', 'رقم ASIN'], zh: ['ASIN'] },
  sku: {
    en: ['SKU', 'Seller SKU', 'Merchant SKU'], de: ['SKU', 'Händler-SKU', 'Verkäufer-SKU'], fr: ['SKU', 'SKU vendeur'],
    it: ['SKU', 'SKU venditore'], es: ['SKU', 'SKU del vendedor'], pt: ['SKU', 'SKU do vendedor'], nl: ['SKU', 'Verkopers-SKU'],
    pl: ['SKU', 'SKU sprzedawcy'], sv: ['SKU', 'Säljar-SKU'], tr: ['SKU', 'Satıcı SKU'], ja: ['SKU', '出品者SKU'],
    ar: ['SKU', 'رمز SKU'], zh: ['SKU', '卖家 SKU'],
  },
  fnsku: { en: ['FNSKU'], de: ['FNSKU'], fr: ['FNSKU'], it: ['FNSKU'], es: ['FNSKU'], pt: ['FNSKU'], nl: ['FNSKU'], pl: ['FNSKU'], sv: ['FNSKU'], tr: ['FNSKU'], ja: ['FNSKU'], ar: ['FNSKU'], zh: ['FNSKU'] },
  price: {
    en: ['Price', 'Your price', 'Price + shipping'], de: ['Preis', 'Ihr Preis', 'Preis + Versand'],
    fr: ['Prix', 'Votre prix', 'Prix + livraison'], it: ['Prezzo', 'Il tuo prezzo', 'Prezzo + spedizione'],
    es: ['Precio', 'Tu precio', 'Su precio', 'Precio + envío'], pt: ['Preço', 'Seu preço', 'Preço + frete'],
    nl: ['Prijs', 'Uw prijs'], pl: ['Cena', 'Twoja cena'], sv: ['Pris', 'Ditt pris'], tr: ['Fiyat', 'Fiyatınız'],
    ja: ['価格', '出品価格', 'お客様の価格'], ar: ['السعر', 'سعرك'], zh: ['价格', '您的价格'],
  },
  minPrice: {
    en: ['Minimum price', 'Min. price', 'Min price'], de: ['Mindestpreis', 'Min. Preis'], fr: ['Prix minimum', 'Prix min.'],
    it: ['Prezzo minimo'], es: ['Precio mínimo'], pt: ['Preço mínimo'], nl: ['Minimumprijs'], pl: ['Cena minimalna'],
    sv: ['Lägsta pris', 'Minimipris'], tr: ['Minimum fiyat'], ja: ['最低価格', '最低販売価格'], ar: ['الحد الأدنى للسعر'], zh: ['最低价格'],
  },
  maxPrice: {
    en: ['Maximum price', 'Max. price', 'Max price'], de: ['Höchstpreis', 'Max. Preis'], fr: ['Prix maximum', 'Prix max.'],
    it: ['Prezzo massimo'], es: ['Precio máximo'], pt: ['Preço máximo'], nl: ['Maximumprijs'], pl: ['Cena maksymalna'],
    sv: ['Högsta pris', 'Maximipris'], tr: ['Maksimum fiyat'], ja: ['最高価格', '最高販売価格'], ar: ['الحد الأقصى للسعر'], zh: ['最高价格'],
  },
  available: {
    en: ['Available', 'Quantity', 'Inbound'], de: ['Verfügbar', 'Menge'], fr: ['Disponible', 'Quantité'], it: ['Disponibile', 'Quantità'],
    es: ['Disponible', 'Cantidad'], pt: ['Disponível', 'Quantidade'], nl: ['Beschikbaar', 'Aantal'], pl: ['Dostępne', 'Ilość'],
    sv: ['Tillgängligt', 'Tillgänglig', 'Antal'], tr: ['Mevcut', 'Miktar'], ja: ['在庫あり', '出品可能', '在庫数', '数量'],
    ar: ['متوفر', 'متاح', 'الكمية'], zh: ['可售', '数量'],
  },
  quantity: {
    en: ['Quantity', 'Qty'], de: ['Stückzahl', 'Menge', 'Anzahl'], fr: ['Quantité'], it: ['Quantità'], es: ['Cantidad'],
    pt: ['Quantidade'], nl: ['Aantal', 'Hoeveelheid'], pl: ['Ilość'], sv: ['Antal'], tr: ['Adet', 'Miktar'], ja: ['数量'],
    ar: ['الكمية'], zh: ['数量'],
  },
  afn: {
    en: ['Fulfilled by Amazon', 'Amazon fulfilled', 'Fulfillment by Amazon'], de: ['Versand durch Amazon'],
    fr: ['Expédié par Amazon', 'Expédition par Amazon'], it: ['Logistica di Amazon', 'Spedito da Amazon', 'Gestito da Amazon'],
    es: ['Logística de Amazon', 'Gestionado por Amazon', 'Enviado por Amazon'], pt: ['Logística da Amazon', 'Enviado pela Amazon'],
    nl: ['Verzonden door Amazon', 'Verzending door Amazon'], pl: ['Realizowane przez Amazon', 'Wysyłka przez Amazon'],
    sv: ['Levereras av Amazon', 'Distribueras av Amazon'], tr: ['Amazon tarafından gönderilir'], ja: ['Amazonから出荷', 'フルフィルメント by Amazon'],
    ar: ['الشحن من أمازون', 'الشحن بواسطة أمازون'], zh: ['亚马逊配送'],
  },
  mfn: {
    en: ['Fulfilled by Merchant', 'Merchant fulfilled', 'Seller fulfilled', 'Fulfilled by seller'], de: ['Versand durch Verkäufer', 'Händlerversand'],
    fr: ['Expédié par le vendeur'], it: ['Spedito dal venditore', 'Gestito dal venditore'],
    es: ['Enviado por el vendedor', 'Gestionado por el vendedor'], pt: ['Enviado pelo vendedor'], nl: ['Verzonden door verkoper'],
    pl: ['Wysyłane przez sprzedawcę'], sv: ['Levereras av säljaren'], tr: ['Satıcı tarafından gönderilir'],
    ja: ['出品者から出荷', '出品者出荷'], ar: ['الشحن من البائع'], zh: ['卖家自配送'],
  },
};

/**
 * Normalize a label for comparison: NFKC, lower case, single spaces, no trailing colon.
 * Why: labels arrive as "SKU:", "ＳＫＵ", "  Stückzahl :" depending on page and language.
 */
export function normalizeLabel(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim().replace(/\s*[:：]$/, '').trim();
}

const normalized = new Map<LabelKey, string[]>();

/** All normalized entries of a key, across languages (memoized). */
function entries(key: LabelKey): string[] {
  let list = normalized.get(key);
  if (!list) {
    const set = new Set<string>();
    for (const words of Object.values(LABELS[key])) for (const w of words ?? []) set.add(normalizeLabel(w));
    // Longest first, so "minimum price" is tried before "price".
    list = [...set].sort((a, b) => b.length - a.length);
    normalized.set(key, list);
  }
  return list;
}

/**
 * Whether `text` is the label `key` in any language.
 * `exact`: the whole text is the label (panel labels like "SKU"); `prefix`: the text starts with it
 * ("Available (FBM)"); `contains`: it appears anywhere ("Versand durch Amazon · Prime").
 */
export function matchesLabel(text: string, key: LabelKey, mode: 'exact' | 'prefix' | 'contains' = 'exact'): boolean {
  // Pages repeat the same few labels on every row: remember answers (bounded).
  const cacheKey = `${mode}\u0000${key}\u0000${text}`;
  const hit = matchCache.get(cacheKey);
  if (hit !== undefined) return hit;
  const t = normalizeLabel(text);
  let found = false;
  if (t) {
    for (const e of entries(key)) {
      if (mode === 'exact' ? t === e : mode === 'prefix' ? startsWithWord(t, e) : t.includes(e)) { found = true; break; }
    }
  }
  if (matchCache.size > 5000) matchCache.clear();
  matchCache.set(cacheKey, found);
  return found;
}

const matchCache = new Map<string, boolean>();

/** `t` starts with `e` and `e` ends at a word boundary (so "price" does not match "pricey"). */
function startsWithWord(t: string, e: string): boolean {
  if (!t.startsWith(e)) return false;
  const next = t.charAt(e.length);
  return next === '' || !/[\p{L}\p{N}]/u.test(next) || /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u.test(e);
}

/**
 * The label key of a text among `keys`, tried in order (put specific keys first, e.g. minPrice before price).
 * Returns undefined when none matches.
 */
export function classifyLabel(text: string, keys: readonly LabelKey[], mode: 'exact' | 'prefix' | 'contains' = 'prefix'): LabelKey | undefined {
  for (const k of keys) if (matchesLabel(text, k, mode)) return k;
  return undefined;
}

/**
 * The fulfilment channel a label announces: dictionary first, then the codes FBA/AFN and FBM/MFN.
 * Why both: "Available (FBM)" carries the code, "Versand durch Amazon" only words.
 */
export function classifyFulfillment(text: string): 'AFN' | 'MFN' | undefined {
  if (!text) return undefined;
  if (matchesLabel(text, 'mfn', 'contains')) return 'MFN';
  if (matchesLabel(text, 'afn', 'contains')) return 'AFN';
  const t = text.normalize('NFKC');
  if (/\b(?:FBM|MFN)\b/.test(t)) return 'MFN';
  if (/\b(?:FBA|AFN)\b/.test(t)) return 'AFN';
  return undefined;
}
