/**
 * Marketplace accounts (Amazon SP-API) and catalog stores (BigCommerce) the seller connects,
 * with their credentials. They are stored only in the extension's IndexedDB (see store.ts).
 * Field names of the LWA credentials match lib/connectors/amazon/lwa.ts (clientId, clientSecret,
 * refreshToken) so the sync engine can hand them over unchanged.
 */
import { z } from 'zod';
import { marketplaceById, type SpApiRegion } from '../domain/marketplaces';

/** SP-API regions (each has its own host). */
export const Region = z.enum(['NA', 'EU', 'FE']);

/** Data the account exchanges with the extension, switched on or off per account as in ERPs. */
export const CHANNELS = ['products', 'stock', 'price', 'orderDownload', 'orderUpdate'] as const;
export type ChannelName = (typeof CHANNELS)[number];

/** Per-account channel switches. Order update (writing back to the marketplace) is opt-in. */
export const Channels = z.object({
  products: z.boolean().default(true),
  stock: z.boolean().default(true),
  price: z.boolean().default(true),
  orderDownload: z.boolean().default(true),
  orderUpdate: z.boolean().default(false),
});
export type Channels = z.infer<typeof Channels>;

/** A credential: never shown back in full, never logged (see describeAccount). */
export const Secret = z.string().trim().min(1).max(4000);

/** An http(s) base URL (the local sandbox is plain http on 127.0.0.1). */
export const BaseUrl = z
  .url({ protocol: /^https?$/ })
  .trim()
  .refine((s) => {
    const u = URL.canParse(s) ? new URL(s) : undefined;
    return !u || (!u.username && !u.password);
  }, 'no credentials in the URL');

/** Which SP-API to call: Amazon's production, Amazon's sandbox, or any base URL (local sandbox). */
export const SpApiEndpoint = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('production') }),
  z.object({ kind: z.literal('sandbox') }),
  z.object({ kind: z.literal('custom'), baseUrl: BaseUrl }),
]);
export type SpApiEndpoint = z.infer<typeof SpApiEndpoint>;

const Id = z.string().min(1).max(100);
const Name = z.string().trim().min(1).max(100);

/** An Amazon seller account in one SP-API region. */
export const AmazonAccount = z
  .object({
    kind: z.literal('amazon'),
    id: Id,
    name: Name,
    region: Region,
    /** The marketplaces of the region the seller sells on. */
    marketplaceIds: z.array(z.string()).min(1).max(25),
    /** Merchant token, e.g. A2EXAMPLE1234 (upper-cased). */
    sellerId: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[A-Z0-9]{6,32}$/),
    /** LWA app client id (amzn1.application-oa2-client.…). */
    clientId: z.string().trim().min(1).max(300),
    clientSecret: Secret,
    refreshToken: Secret,
    endpoint: SpApiEndpoint.default({ kind: 'production' }),
    /** When the seller authorized the app (YYYY-MM-DD); authorization must be renewed yearly. */
    authorizedOn: z.iso.date().optional(),
    channels: Channels.prefault({}),
    createdAt: z.number(),
    updatedAt: z.number(),
  })
  .superRefine((a, ctx) => {
    const foreign = a.marketplaceIds.filter((id) => marketplaceById(id)?.region !== a.region);
    if (foreign.length) ctx.addIssue({ code: 'custom', path: ['marketplaceIds'], message: `not in region ${a.region}: ${foreign.join(', ')}` });
  });
export type AmazonAccount = z.infer<typeof AmazonAccount>;

/** A BigCommerce store (the catalog side). */
export const BigCommerceStore = z.object({
  kind: z.literal('bigcommerce'),
  id: Id,
  name: Name,
  /** The store hash of api.bigcommerce.com/stores/{hash}. */
  storeHash: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9]{3,32}$/),
  accessToken: Secret,
  /** Another API base URL (the local sandbox); api.bigcommerce.com when absent. */
  baseUrl: BaseUrl.optional(),
  channels: Channels.prefault({}),
  createdAt: z.number(),
  updatedAt: z.number(),
});
export type BigCommerceStore = z.infer<typeof BigCommerceStore>;

/** Any connected account. */
export const Account = z.discriminatedUnion('kind', [AmazonAccount, BigCommerceStore]);
export type Account = z.infer<typeof Account>;
export type AccountKind = Account['kind'];

/** The names of an account's secret fields (what describeAccount masks). */
export const SECRET_FIELDS = {
  amazon: ['clientSecret', 'refreshToken'],
  bigcommerce: ['accessToken'],
} as const satisfies { amazon: readonly (keyof AmazonAccount)[]; bigcommerce: readonly (keyof BigCommerceStore)[] };

/** Every stored account, in the order the seller added them. */
export const AccountsState = z.object({ accounts: z.array(Account).max(50) });
export type AccountsState = z.infer<typeof AccountsState>;

/** The SP-API region of a marketplace id (undefined for an unknown id). */
export function regionOf(marketplaceId: string): SpApiRegion | undefined {
  return marketplaceById(marketplaceId)?.region;
}
