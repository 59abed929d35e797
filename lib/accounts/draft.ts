/**
 * The account form's values and their conversion into a validated account. Kept out of React so
 * the rules (secrets left blank keep the stored ones, marketplaces follow the region) are tested.
 */
import type { SpApiRegion } from '../domain/marketplaces';
import { Account, Channels, type ChannelName } from './schema';

/** Form values of an Amazon account; secrets are blank when editing (never rendered back). */
export interface AmazonDraft {
  kind: 'amazon';
  name: string;
  region: SpApiRegion;
  marketplaceIds: string[];
  sellerId: string;
  clientId: string;
  clientSecret: string;
  refreshToken: string;
  endpointKind: 'production' | 'sandbox' | 'custom';
  baseUrl: string;
  authorizedOn: string;
  channels: Record<ChannelName, boolean>;
}

/** Form values of a BigCommerce store. */
export interface BigCommerceDraft {
  kind: 'bigcommerce';
  name: string;
  storeHash: string;
  accessToken: string;
  baseUrl: string;
  channels: Record<ChannelName, boolean>;
}

export type AccountDraft = AmazonDraft | BigCommerceDraft;

/** A blank form of either kind, with the default channels. */
export function emptyDraft(kind: Account['kind']): AccountDraft {
  const channels = Channels.parse({});
  if (kind === 'amazon') {
    return {
      kind,
      name: '',
      region: 'NA',
      marketplaceIds: [],
      sellerId: '',
      clientId: '',
      clientSecret: '',
      refreshToken: '',
      endpointKind: 'production',
      baseUrl: '',
      authorizedOn: '',
      channels,
    };
  }
  return { kind, name: '', storeHash: '', accessToken: '', baseUrl: '', channels };
}

/** The form for editing an account: everything but the secrets, which start blank. */
export function draftFromAccount(a: Account): AccountDraft {
  if (a.kind === 'amazon') {
    return {
      kind: 'amazon',
      name: a.name,
      region: a.region,
      marketplaceIds: [...a.marketplaceIds],
      sellerId: a.sellerId,
      clientId: a.clientId,
      clientSecret: '',
      refreshToken: '',
      endpointKind: a.endpoint.kind,
      baseUrl: a.endpoint.kind === 'custom' ? a.endpoint.baseUrl : '',
      authorizedOn: a.authorizedOn ?? '',
      channels: { ...a.channels },
    };
  }
  return { kind: 'bigcommerce', name: a.name, storeHash: a.storeHash, accessToken: '', baseUrl: a.baseUrl ?? '', channels: { ...a.channels } };
}

/** The result of building an account from a form: the account, or the fields to correct. */
export type BuildResult = { ok: true; account: Account } | { ok: false; fields: string[] };

/**
 * Validate a form into an account. A blank secret keeps the stored one when editing (`existing`);
 * when adding, it is required. Returns the invalid fields by their draft names.
 */
export function buildAccount(draft: AccountDraft, opts: { id: string; now: number; existing?: Account }): BuildResult {
  const prev = opts.existing?.kind === draft.kind ? opts.existing : undefined;
  const keep = (typed: string, stored: string | undefined) => (typed.trim() ? typed : (stored ?? ''));
  const createdAt = prev?.createdAt ?? opts.now;
  const candidate =
    draft.kind === 'amazon'
      ? {
          kind: 'amazon' as const,
          id: opts.id,
          name: draft.name,
          region: draft.region,
          marketplaceIds: draft.marketplaceIds,
          sellerId: draft.sellerId,
          clientId: draft.clientId,
          clientSecret: keep(draft.clientSecret, prev?.kind === 'amazon' ? prev.clientSecret : undefined),
          refreshToken: keep(draft.refreshToken, prev?.kind === 'amazon' ? prev.refreshToken : undefined),
          endpoint: draft.endpointKind === 'custom' ? { kind: 'custom' as const, baseUrl: draft.baseUrl } : { kind: draft.endpointKind },
          ...(draft.authorizedOn.trim() ? { authorizedOn: draft.authorizedOn.trim() } : {}),
          channels: draft.channels,
          createdAt,
          updatedAt: opts.now,
        }
      : {
          kind: 'bigcommerce' as const,
          id: opts.id,
          name: draft.name,
          storeHash: draft.storeHash,
          accessToken: keep(draft.accessToken, prev?.kind === 'bigcommerce' ? prev.accessToken : undefined),
          ...(draft.baseUrl.trim() ? { baseUrl: draft.baseUrl.trim() } : {}),
          channels: draft.channels,
          createdAt,
          updatedAt: opts.now,
        };
  const parsed = Account.safeParse(candidate);
  if (parsed.success) return { ok: true, account: parsed.data };
  const fields = new Set<string>();
  for (const issue of parsed.error.issues) {
    const [first, second] = issue.path;
    // endpoint.baseUrl is the form's baseUrl field.
    fields.add(first === 'endpoint' && second === 'baseUrl' ? 'baseUrl' : String(first ?? 'form'));
  }
  return { ok: false, fields: [...fields] };
}
