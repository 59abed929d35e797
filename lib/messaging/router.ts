import { Envelope, protocol, type MessageName, type ParsedRequestOf, type Reply, type ResponseOf } from './protocol';
import { marketplaceForHost, type Marketplace } from '../domain/marketplaces';

/** The facts of a sender the browser vouches for (a page cannot forge them). */
export interface SenderInfo {
  /** runtime.id of the sending extension. */
  id?: string;
  url?: string;
  origin?: string;
  tab?: { id?: number; url?: string };
}

/** Who sent a message, established from the sender. Handlers get this, never payload claims. */
export type Caller =
  | { kind: 'page'; marketplace: Marketplace; tabId?: number; url: URL }
  | { kind: 'extension'; url: URL };

export type Handlers = {
  [N in MessageName]: (data: ParsedRequestOf<N>, caller: Caller) => Promise<ResponseOf<N>>;
};

/**
 * Decides who sent a message: one of our extension pages, a Seller Central content script, or
 * nobody we serve. Why: the marketplace and the privilege level must come from what the browser
 * reports about the sender, not from fields a compromised page could put in a message.
 */
export function identifyCaller(sender: SenderInfo, extensionId: string, extensionOrigin: string): Caller | undefined {
  if (sender.id !== extensionId) return undefined;
  const raw = sender.tab?.url ?? sender.url;
  if (!raw) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return undefined;
  }
  // URL.origin is "null" for non-special schemes in some engines: compare scheme + host instead.
  if (`${url.protocol}//${url.host}` === extensionOrigin.replace(/\/$/, '')) return { kind: 'extension', url };
  if (url.protocol !== 'https:') return undefined;
  const marketplace = marketplaceForHost(url.hostname);
  if (!marketplace) return undefined;
  return { kind: 'page', marketplace, tabId: sender.tab?.id, url };
}

/**
 * Routes one raw message to its handler: checks the envelope, the sender's right to send it,
 * validates the request and the response with the protocol's zod schemas, and turns every
 * failure into an error value. Unknown messages get an explicit answer.
 */
export async function routeMessage(
  raw: unknown,
  sender: SenderInfo,
  handlers: Handlers,
  self: { id: string; origin: string },
): Promise<Reply<unknown>> {
  const env = Envelope.safeParse(raw);
  if (!env.success) return fail('bad_envelope', 'Message is not { type, data }.');
  const name = env.data.type as MessageName;
  if (!Object.hasOwn(protocol, name)) return fail('unknown_message', `Unknown message "${env.data.type}".`);
  const spec = protocol[name];
  const caller = identifyCaller(sender, self.id, self.origin);
  if (!caller) return fail('forbidden', `Sender may not send "${name}".`);
  if (spec.from === 'extension' && caller.kind !== 'extension') return fail('forbidden', `"${name}" is only for extension pages.`);
  const req = spec.request.safeParse(env.data.data);
  if (!req.success) return fail('bad_request', `Invalid "${name}" request: ${req.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`);
  try {
    const handler = handlers[name] as (d: unknown, c: Caller) => Promise<unknown>;
    const value = await handler(req.data, caller);
    const res = spec.response.safeParse(value);
    if (!res.success) return fail('bad_response', `Handler for "${name}" returned an invalid response.`);
    return { ok: true, value: res.data };
  } catch (e) {
    return fail('handler_failed', e instanceof Error ? e.message : String(e));
  }
}

function fail(code: string, message: string): Reply<never> {
  return { ok: false, error: { code, message } };
}
