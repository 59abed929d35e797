import { protocol, type MessageName, type Reply, type RequestOf, type ResponseOf } from './protocol';

/** Thrown in a caller when the background answered with an error value. */
export class MessageError extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
    this.name = 'MessageError';
  }
}

/** The transport: browser.runtime.sendMessage in the extension, a direct call in tests. */
export type Transport = (message: { type: string; data: unknown }) => Promise<unknown>;

/**
 * A typed client for the protocol: validates the request before sending and the response when it
 * arrives, so both ends check every message.
 */
export function createClient(transport: Transport) {
  return async function send<N extends MessageName>(type: N, data: RequestOf<N>): Promise<ResponseOf<N>> {
    const spec = protocol[type];
    const request = spec.request.parse(data);
    const reply = (await transport({ type, data: request })) as Reply<unknown> | undefined;
    if (!reply || typeof reply !== 'object') throw new MessageError('no_reply', `No reply to "${type}".`);
    if (!reply.ok) throw new MessageError(reply.error.code, reply.error.message);
    return spec.response.parse(reply.value) as ResponseOf<N>;
  };
}
export type Send = ReturnType<typeof createClient>;
