/**
 * Deterministic seed data for the BigCommerce sandbox: realistic titles, brands and SKUs, some
 * products with option variants, GTIN/UPC with valid GS1 check digits, stock at two locations.
 * The same seed always gives the same store.
 */
import { seededRandom } from '../../fixtures/random.ts';

/** The shared seeded PRNG: the same seed gives the same sequence. */
export const createRandom = seededRandom;

/**
 * GS1 check digit of the digits before it (weights 3,1,3,... from the right). Written here on
 * purpose rather than imported from lib/: the sandbox must not share code with what it tests.
 */
export function gs1CheckDigit(body: string): string {
  let sum = 0;
  for (let i = body.length - 1, w = 3; i >= 0; i--, w = w === 3 ? 1 : 3) sum += Number(body[i]) * w;
  return String((10 - (sum % 10)) % 10);
}

/** An inventory location of the sandbox store. */
export interface SandboxLocation {
  id: number;
  code: string;
  name: string;
}

/** A variant as the sandbox stores it (a simple product has one base variant without options). */
export interface SandboxVariant {
  id: number;
  product_id: number;
  sku: string;
  sku_id: number;
  price: number | null;
  weight: number | null;
  upc: string;
  gtin: string;
  mpn: string;
  option_values: { id: number; option_id: number; label: string; option_display_name: string }[];
}

/** A product as the sandbox stores it. */
export interface SandboxProduct {
  id: number;
  name: string;
  type: 'physical' | 'digital';
  sku: string;
  description: string;
  weight: number;
  price: number;
  brand_id: number;
  upc: string;
  gtin: string;
  mpn: string;
  categories: number[];
  inventory_tracking: 'none' | 'product' | 'variant';
  is_visible: boolean;
  date_created: string;
  date_modified: string;
  variants: SandboxVariant[];
}

/** Everything the seed produces. */
export interface SandboxSeed {
  locations: SandboxLocation[];
  brands: Map<number, string>;
  products: SandboxProduct[];
  /** Stock by variant id, then by location id. */
  stock: Map<number, Map<number, number>>;
  nextProductId: number;
  nextVariantId: number;
}

const BRANDS: readonly { name: string; code: string; prefix: string; ean: boolean }[] = [
  { name: 'Northwind Outdoor', code: 'NWO', prefix: '84217', ean: false },
  { name: 'Kestrel Audio', code: 'KST', prefix: '19384', ean: false },
  { name: 'Lumen Home', code: 'LUM', prefix: '4006381', ean: true },
  { name: 'Oak & Iron', code: 'OAK', prefix: '61752', ean: false },
  { name: 'Pacific Trail', code: 'PCT', prefix: '70938', ean: false },
  { name: 'Hearthstone Kitchen', code: 'HSK', prefix: '4260123', ean: true },
  { name: 'TerraPet', code: 'TPT', prefix: '85002', ean: false },
  { name: 'Nimbus Tech', code: 'NMB', prefix: '5901234', ean: true },
  { name: 'Silverleaf Tea Co.', code: 'SLT', prefix: '3760045', ean: true },
  { name: 'Vertex Sports', code: 'VTX', prefix: '88549', ean: false },
];

const ITEMS: readonly { noun: string; code: string; specs: readonly string[]; price: [number, number]; weight: number; options?: 'color' | 'size' }[] = [
  { noun: 'Insulated Water Bottle', code: 'BTL', specs: ['18 oz', '32 oz', '40 oz'], price: [14, 39], weight: 0.8, options: 'color' },
  { noun: 'Cast Iron Skillet', code: 'SKL', specs: ['10 inch', '12 inch'], price: [24, 69], weight: 5.5 },
  { noun: 'Wireless Earbuds', code: 'EAR', specs: ['Bluetooth 5.3', 'Noise Cancelling'], price: [29, 149], weight: 0.2, options: 'color' },
  { noun: 'LED Desk Lamp', code: 'LMP', specs: ['Dimmable', 'with USB-C Port'], price: [19, 79], weight: 2.1 },
  { noun: 'Hiking Backpack', code: 'BPK', specs: ['28 L', '40 L', '55 L'], price: [49, 189], weight: 2.9, options: 'color' },
  { noun: 'Dog Leash', code: 'LSH', specs: ['6 ft Reflective', 'Hands-Free'], price: [9, 29], weight: 0.4, options: 'size' },
  { noun: 'Loose Leaf Green Tea', code: 'TEA', specs: ['100 g Tin', '250 g Pouch'], price: [7, 24], weight: 0.3 },
  { noun: 'Running Jacket', code: 'JKT', specs: ['Windproof', 'Water Resistant'], price: [39, 129], weight: 0.6, options: 'size' },
  { noun: 'Chef Knife', code: 'KNF', specs: ['8 inch', 'German Steel 7 inch'], price: [29, 119], weight: 0.5 },
  { noun: 'Portable Bluetooth Speaker', code: 'SPK', specs: ['IPX7', '20 W'], price: [25, 99], weight: 1.1, options: 'color' },
  { noun: 'Yoga Mat', code: 'YGM', specs: ['6 mm', 'Non-Slip 4 mm'], price: [19, 59], weight: 2.4, options: 'color' },
  { noun: 'Cotton Throw Blanket', code: 'BLK', specs: ['50 x 60 in', 'Knitted'], price: [22, 64], weight: 1.9 },
];

const COLORS = ['Black', 'Navy', 'Red', 'Forest Green', 'Sand'] as const;
const SIZES = ['S', 'M', 'L', 'XL'] as const;

/** The two locations every sandbox store has. */
export const SANDBOX_LOCATIONS: readonly SandboxLocation[] = [
  { id: 1, code: 'BC-LOCATION-1', name: 'Main warehouse' },
  { id: 2, code: 'EAST-DC', name: 'East distribution center' },
];

function pick<T>(rand: () => number, list: readonly T[]): T {
  return list[Math.floor(rand() * list.length)]!;
}

function digits(rand: () => number, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += String(Math.floor(rand() * 10));
  return s;
}

/** A barcode for a brand: UPC-A (12 digits) or EAN-13, with a valid check digit. */
function barcode(rand: () => number, brand: (typeof BRANDS)[number]): string {
  const body = brand.ean ? brand.prefix + digits(rand, 12 - brand.prefix.length) : '0' + brand.prefix + digits(rand, 11 - 1 - brand.prefix.length);
  return body + gs1CheckDigit(body);
}

/** Generate `count` products deterministically from `seed`. */
export function generateSeed(seed: number, count: number): SandboxSeed {
  const rand = createRandom(seed);
  const brands = new Map<number, string>(BRANDS.map((b, i) => [i + 1, b.name]));
  const stock = new Map<number, Map<number, number>>();
  const products: SandboxProduct[] = [];
  const usedSkus = new Set<string>();
  let variantId = 1;
  const base = Date.UTC(2025, 0, 1);
  for (let i = 0; i < count; i++) {
    const productId = i + 1;
    const brandIndex = Math.floor(rand() * BRANDS.length);
    const brand = BRANDS[brandIndex]!;
    const item = pick(rand, ITEMS);
    const spec = pick(rand, item.specs);
    const name = `${brand.name} ${item.noun}, ${spec}`;
    let sku = `${brand.code}-${item.code}-${String(1000 + i)}`;
    while (usedSkus.has(sku)) sku += 'A';
    usedSkus.add(sku);
    const price = Math.round((item.price[0] + rand() * (item.price[1] - item.price[0])) * 100) / 100 - 0.01;
    const created = new Date(base + Math.floor(rand() * 300) * 86_400_000).toISOString().replace('.000Z', '+00:00');
    const hasVariants = item.options !== undefined && rand() < 0.6;
    // About one product in ten carries no barcode at all (common in real catalogs).
    const identified = rand() > 0.1;
    const product: SandboxProduct = {
      id: productId,
      name,
      type: 'physical',
      sku,
      description: `<p>${name}. Ships from our own warehouse.</p>`,
      weight: item.weight,
      price: Math.max(0.99, Math.round(price * 100) / 100),
      brand_id: brandIndex + 1,
      upc: '',
      gtin: '',
      mpn: `${brand.code}${digits(rand, 5)}`,
      categories: [23],
      inventory_tracking: hasVariants ? 'variant' : 'product',
      is_visible: true,
      date_created: created,
      date_modified: created,
      variants: [],
    };
    const values = hasVariants ? (item.options === 'color' ? COLORS.slice(0, 2 + Math.floor(rand() * 3)) : SIZES.slice(0, 2 + Math.floor(rand() * 3))) : [];
    if (!hasVariants) {
      const code = identified ? barcode(rand, brand) : '';
      // BigCommerce keeps the UPC in `upc` and the GTIN (EAN) in `gtin`; US brands fill `upc`.
      if (brand.ean) product.gtin = code;
      else product.upc = code;
      product.variants.push({ id: variantId, product_id: productId, sku, sku_id: variantId, price: null, weight: null, upc: product.upc, gtin: product.gtin, mpn: product.mpn, option_values: [] });
      stock.set(variantId, new Map(SANDBOX_LOCATIONS.map((l) => [l.id, stockLevel(rand)])));
      variantId++;
    } else {
      const optionId = productId * 10;
      values.forEach((value, v) => {
        const code = identified ? barcode(rand, brand) : '';
        const vSku = `${sku}-${value.replace(/[^A-Za-z]/g, '').slice(0, 3).toUpperCase()}`;
        product.variants.push({
          id: variantId,
          product_id: productId,
          sku: vSku,
          sku_id: variantId,
          price: v === 0 ? null : Math.round((product.price + v * 2) * 100) / 100,
          weight: null,
          upc: brand.ean ? '' : code,
          gtin: brand.ean ? code : '',
          mpn: `${product.mpn}-${v + 1}`,
          option_values: [{ id: optionId * 10 + v, option_id: optionId, label: value, option_display_name: item.options === 'color' ? 'Color' : 'Size' }],
        });
        stock.set(variantId, new Map(SANDBOX_LOCATIONS.map((l) => [l.id, stockLevel(rand)])));
        variantId++;
      });
    }
    products.push(product);
  }
  return { locations: [...SANDBOX_LOCATIONS], brands, products, stock, nextProductId: count + 1, nextVariantId: variantId };
}

function stockLevel(rand: () => number): number {
  // Some items are out of stock at a location; most have a few dozen.
  return rand() < 0.15 ? 0 : Math.floor(rand() * 120);
}
