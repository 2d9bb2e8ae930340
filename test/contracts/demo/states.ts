// Provider states for `covenant verify --states`: each state is forwarded to the provider's test
// hook. With USE_REQUEST_FILTER=1 it also exports a requestFilter that swaps the consumer's token
// for one the provider accepts (the alternative is --header "Authorization: Bearer tok-verify").
const base = process.env.USERS_PROVIDER_URL ?? 'http://127.0.0.1:3000';

async function forward(state: string, action: 'setup' | 'teardown'): Promise<undefined> {
  const response = await fetch(`${base}/__pact/state`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ state, action }) });
  if (!response.ok) throw new Error(`state "${state}" (${action}) failed: ${response.status}`);
  return undefined;
}

const names = ['user u1 exists', 'user u404 does not exist', 'no user has the email grace@example.com', 'an administrator exists'];

export const stateHandlers = Object.fromEntries(
  names.map((name) => [name, { setup: () => forward(name, 'setup'), teardown: () => forward(name, 'teardown') }]),
);

type Req = { headers: Record<string, string | string[] | undefined> };
export const requestFilter = process.env.USE_REQUEST_FILTER === '1'
  ? (req: Req, _res: unknown, next: () => void) => {
      req.headers.authorization = 'Bearer tok-verify';
      next();
    }
  : undefined;
