/**
 * A small Pact Broker for tests: the HAL endpoints the Pact verifier (pact_verifier in the native
 * core) calls, following the Pact Broker 2.x API: the index (`pb:provider-pacts-for-verification`),
 * "pacts for verification" (POST, with consumer version selectors, includePendingStatus and
 * includeWipPactsSince), pact fetch by URL, and results publication (`pb:publish-verification-results`),
 * plus the provider version branch endpoint used when a branch is published. Every request is recorded.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface BrokerPact {
  consumer: string;
  provider: string;
  pact: Record<string, unknown>;
  pending?: boolean;
  wip?: boolean;
}

export interface RecordedRequest {
  method: string;
  path: string;
  authorization?: string;
  body?: any;
}

export interface TestBroker {
  url: string;
  requests: RecordedRequest[];
  /** Verification results published, by consumer. */
  results: Array<{ consumer: string; body: any }>;
  close(): Promise<void>;
}

export async function startBroker(pacts: BrokerPact[], options: { token?: string; failPublish?: boolean } = {}): Promise<TestBroker> {
  const requests: RecordedRequest[] = [];
  const results: TestBroker['results'] = [];
  let base = '';
  const readBody = (req: IncomingMessage) =>
    new Promise<string>((resolve) => {
      let text = '';
      req.on('data', (c) => (text += c));
      req.on('end', () => resolve(text));
    });
  const server: Server = createServer(async (req, res) => {
    const text = await readBody(req);
    const url = new URL(req.url ?? '/', base);
    let body: any;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = text;
    }
    requests.push({ method: req.method ?? 'GET', path: url.pathname + url.search, authorization: req.headers.authorization, body });
    const send = (status: number, value: unknown) => {
      res.writeHead(status, { 'content-type': 'application/hal+json' });
      res.end(JSON.stringify(value));
    };
    if (options.token && req.headers.authorization !== `Bearer ${options.token}`) return send(401, { error: 'unauthorized' });
    const path = url.pathname;
    if (req.method === 'GET' && path === '/') {
      return send(200, {
        _links: {
          self: { href: base },
          'pb:provider-pacts-for-verification': { href: `${base}/pacts/provider/{provider}/for-verification`, templated: true },
          'pb:provider': { href: `${base}/pacticipants/{provider}`, templated: true },
          'pb:pacticipant': { href: `${base}/pacticipants/{pacticipant}`, templated: true },
          'pb:pacticipant-branch-version': { href: `${base}/pacticipants/{pacticipant}/branches/{branch}/versions/{version}`, templated: true },
          'pb:pacticipant-version': { href: `${base}/pacticipants/{pacticipant}/versions/{version}`, templated: true },
        },
      });
    }
    const forVerification = /^\/pacts\/provider\/([^/]+)\/for-verification$/.exec(path);
    // the verifier navigates to the resource first (GET), then POSTs the selectors to its self link
    if (forVerification && req.method === 'GET') return send(200, { _links: { self: { href: `${base}${path}`, title: 'Pacts to be verified' } } });
    if (forVerification && req.method === 'POST') {
      const provider = decodeURIComponent(forVerification[1]!);
      const selected = pacts.filter((p) => p.provider === provider && (!p.wip || body?.includeWipPactsSince));
      return send(200, {
        _embedded: {
          pacts: selected.map((p) => ({
            shortDescription: `latest from ${p.consumer}`,
            verificationProperties: {
              pending: Boolean(body?.includePendingStatus && (p.pending || p.wip)),
              wip: p.wip ? true : undefined,
              notices: [{ when: 'before_verification', text: `The pact from ${p.consumer} is being verified because it matches the given selectors` }],
            },
            _links: { self: { href: `${base}/pacts/provider/${p.provider}/consumer/${p.consumer}/pact-version/v1`, name: `Pact between ${p.consumer} and ${p.provider}` } },
          })),
        },
        _links: { self: { href: `${base}${path}` } },
      });
    }
    const pactUrl = /^\/pacts\/provider\/([^/]+)\/consumer\/([^/]+)\/pact-version\/v1$/.exec(path);
    if (pactUrl && req.method === 'GET') {
      const found = pacts.find((p) => p.provider === decodeURIComponent(pactUrl[1]!) && p.consumer === decodeURIComponent(pactUrl[2]!));
      if (!found) return send(404, {});
      return send(200, {
        ...found.pact,
        _links: {
          self: { href: `${base}${path}` },
          'pb:provider': { href: `${base}/pacticipants/${found.provider}`, name: found.provider },
          'pb:consumer': { href: `${base}/pacticipants/${found.consumer}`, name: found.consumer },
          'pb:publish-verification-results': { title: 'Publish verification results', href: `${base}${path}/verification-results` },
        },
      });
    }
    const publish = /^\/pacts\/provider\/([^/]+)\/consumer\/([^/]+)\/pact-version\/v1\/verification-results$/.exec(path);
    if (publish && req.method === 'POST') {
      if (options.failPublish) return send(500, { error: 'database is read-only' });
      results.push({ consumer: decodeURIComponent(publish[2]!), body });
      return send(201, { ...body, _links: { self: { href: `${base}${path}/1` } } });
    }
    if (/^\/pacticipants\/[^/]+\/(branches\/[^/]+\/)?versions\/[^/]+$/.test(path) && req.method === 'PUT') return send(200, { _links: {} });
    if (/^\/pacticipants\/[^/]+$/.test(path) && req.method === 'GET') {
      const name = path.split('/')[2]!;
      return send(200, {
        name,
        _links: {
          self: { href: `${base}${path}` },
          'pb:version-tag': { href: `${base}/pacticipants/${name}/versions/{version}/tags/{tag}`, templated: true },
          'pb:branch-version': { href: `${base}/pacticipants/${name}/branches/{branch}/versions/{version}`, templated: true },
        },
      });
    }
    send(404, { error: `no route for ${req.method} ${path}` });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: base,
    requests,
    results,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
