/** Web `Request` → Incoming and Outgoing → web `Response` (the fetch entry point and its adapters). */
import { BodyTooLarge, concatChunks, type BodySource, type Incoming, type Outgoing } from './exchange.js';

class WebBody implements BodySource {
  readonly length: number | undefined;
  constructor(private readonly request: Request) {
    const declared = request.headers.get('content-length');
    this.length = declared === null ? undefined : Number(declared);
  }
  async bytes(limit: number): Promise<Uint8Array> {
    const reader = this.request.body!.getReader();
    const chunks: Uint8Array[] = [];
    let total = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.length;
      if (total > limit) {
        await reader.cancel();
        throw new BodyTooLarge(limit);
      }
      chunks.push(value);
    }
    return concatChunks(chunks, total);
  }
}

export class FetchIncoming implements Incoming {
  readonly method: string;
  readonly target: string;
  readonly body: BodySource | undefined;
  constructor(private readonly request: Request) {
    this.method = request.method.toUpperCase();
    const url = request.url;
    const scheme = url.indexOf('://');
    const slash = url.indexOf('/', scheme < 0 ? 0 : scheme + 3);
    this.target = slash < 0 ? '/' : url.slice(slash);
    const hash = this.target.indexOf('#');
    if (hash >= 0) this.target = this.target.slice(0, hash);
    this.body = request.body === null ? undefined : new WebBody(request);
  }
  header(name: string): string | undefined {
    return this.request.headers.get(name) ?? undefined;
  }
}

export function toResponse(out: Outgoing): Response {
  return new Response(out.body as BodyInit | null, { status: out.status, headers: out.headers });
}
