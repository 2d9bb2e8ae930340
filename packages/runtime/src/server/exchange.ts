/**
 * The core's own request/response shapes. Adapters fill an `Incoming` straight from their runtime's
 * request (no `Request` object is built on node:http) and write an `Outgoing` back; the fetch
 * adapter maps both to web `Request`/`Response`.
 */

export interface BodySource {
  /** Declared length (Content-Length), when there is one. */
  readonly length: number | undefined;
  /** The whole body; rejects with `BodyTooLarge` past `limit` bytes. */
  bytes(limit: number): Promise<Uint8Array>;
}

export interface Incoming {
  /** Upper-case method. */
  readonly method: string;
  /** Origin-form target: path and query (`/users?limit=5`). */
  readonly target: string;
  /** A request header by lower-case name (several values joined by `, `). */
  header(name: string): string | undefined;
  /** Undefined when the request has no body. */
  readonly body: BodySource | undefined;
  /**
   * True when `target` is already relative to the API's base path (Express / Fastify strip their
   * mount point or prefix): the spec's base path is then not applied.
   */
  readonly mounted?: boolean;
}

export type OutgoingBody = string | Uint8Array | Blob | ReadableStream<Uint8Array> | null;

export interface Outgoing {
  status: number;
  headers: Record<string, string>;
  body: OutgoingBody;
}

export class BodyTooLarge extends Error {
  constructor(readonly limit: number) {
    super(`request body larger than ${limit} bytes`);
  }
}

/** Concatenate chunks (Buffer.concat when available, it is faster). */
export function concatChunks(chunks: Uint8Array[], total: number): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  if (typeof Buffer !== 'undefined') return Buffer.concat(chunks, total);
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}
