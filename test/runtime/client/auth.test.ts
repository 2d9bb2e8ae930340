import { describe, expect, it } from 'vitest';
import { applySecurity, type ClientSecurityScheme } from '../../../packages/runtime/src/client/auth.js';

const SCHEMES: Record<string, ClientSecurityScheme> = {
  bearer: { type: 'http', scheme: 'bearer' },
  basic: { type: 'http', scheme: 'basic' },
  hoba: { type: 'http', scheme: 'HOBA' },
  oauth: { type: 'oauth2' },
  header: { type: 'apiKey', in: 'header', name: 'X-API-Key' },
  query: { type: 'apiKey', in: 'query', name: 'api key' },
  cookie: { type: 'apiKey', in: 'cookie', name: 'sid' },
  tls: { type: 'mutualTLS' },
};

describe('applySecurity', () => {
  it('applies nothing for operations without security, whatever credentials exist', async () => {
    expect(await applySecurity([], SCHEMES, { bearer: 't' })).toEqual({ headers: [], query: [], cookies: [] });
  });

  it('uses the first alternative whose schemes all have credentials (AND within, OR across)', async () => {
    const security = [['bearer', 'header'], ['query', 'cookie']];
    expect(await applySecurity(security, SCHEMES, { bearer: 't', query: 'q&1', cookie: 's;1' })).toEqual({
      headers: [],
      query: ['api%20key=q%261'],
      cookies: ['sid=s%3B1'],
    });
    expect(await applySecurity(security, SCHEMES, { bearer: 't', header: 'h', query: 'q', cookie: 's' })).toEqual({
      headers: [['authorization', 'Bearer t'], ['X-API-Key', 'h']],
      query: [],
      cookies: [],
    });
  });

  it('prefers credentials over an optional `{}` alternative, and sends none when there are none', async () => {
    expect((await applySecurity([[], ['bearer']], SCHEMES, { bearer: 't' })).headers).toEqual([['authorization', 'Bearer t']]);
    expect((await applySecurity([[], ['bearer']], SCHEMES, {})).headers).toEqual([]);
  });

  it('formats each scheme: basic as UTF-8 base64, other http schemes by name, oauth2 as bearer', async () => {
    const basic = await applySecurity([['basic']], SCHEMES, { basic: { username: 'zoë', password: 'p:ß' } });
    expect(basic.headers).toEqual([['authorization', `Basic ${Buffer.from('zoë:p:ß', 'utf8').toString('base64')}`]]);
    expect((await applySecurity([['hoba']], SCHEMES, { hoba: 'sig' })).headers).toEqual([['authorization', 'HOBA sig']]);
    expect((await applySecurity([['oauth']], SCHEMES, { oauth: async () => 'access' })).headers).toEqual([['authorization', 'Bearer access']]);
    expect(await applySecurity([['tls']], SCHEMES, { tls: 'ignored' })).toEqual({ headers: [], query: [], cookies: [] });
  });

  it('calls secret functions per request (token refresh)', async () => {
    let n = 0;
    const credentials = { bearer: () => `t${++n}` };
    await applySecurity([['bearer']], SCHEMES, credentials);
    expect((await applySecurity([['bearer']], SCHEMES, credentials)).headers).toEqual([['authorization', 'Bearer t2']]);
  });

  it('never takes inherited properties for credentials or schemes', async () => {
    expect(await applySecurity([['toString'], ['__proto__']], SCHEMES, {})).toEqual({ headers: [], query: [], cookies: [] });
  });
});
