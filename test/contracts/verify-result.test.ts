import { describe, expect, it } from 'vitest';
import { parseCoreResult, parseHeaders } from '../../src/contracts/verify/run.js';
import { formatVerify } from '../../src/contracts/verify/report.js';

// The shape of pact-core's verifier JSON (pactffi_verifier_json), as returned by pact-core 19.2 for
// two pacts: one failing interaction with two states, one pending failure.
const core = {
  result: false,
  output: [
    '\nVerifying a pact between \u001b[1morders\u001b[0m and \u001b[1musers\u001b[0m',
    '',
    '  a request for user u1 (0s loading, 87ms verification)',
    '     Given user u1 exists',
    '       And an administrator exists',
    '    returns a response which',
    '      has status code \u001b[1m200\u001b[0m (\u001b[32mOK\u001b[0m)',
    '      has a matching body (\u001b[31mFAILED\u001b[0m)',
    '',
    '  a request for a missing user (0s loading, 1s verification)',
    '    returns a response which',
    '',
    '\nVerifying a pact between \u001b[1mmobile\u001b[0m and \u001b[1musers\u001b[0m [PENDING]',
    '',
    '  a request for user u1 (0s loading, 12ms verification)',
    '     Given user u1 exists',
    '',
    '\nFailures:\n',
    '1) Verifying a pact between orders and users Given user u1 exists And an administrator exists - a request for user u1',
  ],
  interactionResults: [
    { description: 'a request for user u1', duration: '87ms', result: 'Error' },
    { description: 'a request for a missing user', duration: '1s', result: 'OK' },
    { description: 'a request for user u1', duration: '12ms', result: 'Error' },
  ],
  errors: [
    {
      interaction: 'Verifying a pact between orders and users Given user u1 exists And an administrator exists - a request for user u1',
      mismatch: { type: 'mismatches', mismatches: [{ type: 'BodyMismatch', path: '$.email', mismatch: "Expected 'a' to be equal to 'b'" }, { type: 'StatusMismatch', expected: 200, actual: 500, mismatch: 'expected 200 but was 500' }] },
    },
  ],
  pendingErrors: [
    { interaction: 'Verifying a pact between mobile and users Given user u1 exists - a request for user u1', mismatch: { type: 'error', message: 'Request to provider failed' } },
  ],
  notices: [{ text: 'The pact from mobile is pending' }],
};

describe('parseCoreResult', () => {
  it('gives each interaction its consumer, states, outcome and mismatches', () => {
    const { interactions, notices } = parseCoreResult(JSON.stringify(core), 'users');
    expect(interactions).toEqual([
      { consumer: 'orders', provider: 'users', description: 'a request for user u1', states: ['user u1 exists', 'an administrator exists'], outcome: 'failed', mismatches: ["$.email: Expected 'a' to be equal to 'b'", 'status: expected 200, got 500'], durationMs: 87 },
      { consumer: 'orders', provider: 'users', description: 'a request for a missing user', states: [], outcome: 'passed', mismatches: [], durationMs: 1000 },
      { consumer: 'mobile', provider: 'users', description: 'a request for user u1', states: ['user u1 exists'], outcome: 'pending', mismatches: ['Request to provider failed'], durationMs: 12 },
    ]);
    expect(notices).toEqual(['The pact from mobile is pending']);
  });

  it('falls back to the console lines when the JSON output does not name every pact', () => {
    const partial = { ...core, output: core.output.slice(2) }; // the first pact's header is missing
    expect(parseCoreResult(JSON.stringify(partial), 'users').interactions.map((i) => i.consumer)).toEqual(['', '', 'mobile']);
    const consoleText = core.output.join('\n');
    expect(parseCoreResult(JSON.stringify(partial), 'users', consoleText).interactions.map((i) => i.consumer)).toEqual(['orders', 'orders', 'mobile']);
  });

  it('reports as JUnit with pending pacts skipped and XML escaped', () => {
    const { interactions, notices } = parseCoreResult(JSON.stringify(core), 'users');
    const xml = formatVerify({ ok: false, provider: 'users', source: 'pacts', interactions, notices, missingStates: [] }, 'junit');
    expect(xml).toContain('<testsuites name="covenant verify users" tests="3" failures="1">');
    expect(xml).toContain('<testsuite name="mobile → users" tests="1" failures="0" skipped="1" time="0.012">');
    expect(xml).toContain('<failure message="$.email: Expected &apos;a&apos; to be equal to &apos;b&apos;"'.replace(/&apos;/g, "'"));
  });
});

describe('parseHeaders', () => {
  it('keeps values with colons and refuses lines without a name', () => {
    expect(parseHeaders(['Authorization: Bearer a:b', 'X-Empty:'])).toEqual({ Authorization: 'Bearer a:b', 'X-Empty': '' });
    expect(() => parseHeaders(['no colon here'])).toThrow(/invalid --header "no colon here"/);
  });
});

// pact-core 19.2's JSON for the shop-web pact (two interactions share the description "a request
// to get a product"), against a provider whose replies took more than a second
const shared = {
  result: false,
  output: [
    '\nVerifying a pact between \u001b[1mshop-web\u001b[0m and \u001b[1mproduct-service\u001b[0m',
    '',
    '  a request to get a product (0s loading, 1s 516ms verification)',
    '     Given a product with ID 10 exists',
    '    returns a response which',
    '',
    '  a request to get a product (0s loading, 1m 441ms verification)',
    '     Given a product with ID 11 does not exist',
    '    returns a response which',
    '',
    '  a request to get a product (0s loading, 2s verification)',
    '     Given a product with ID 11 does not exist',
    '',
  ],
  interactionResults: [
    { description: 'a request to get a product', duration: '1s 516ms', result: 'Error' },
    { description: 'a request to get a product', duration: '1m 441ms', result: 'Error' },
    { description: 'a request to get a product', duration: '2s', result: 'Error' },
  ],
  errors: [
    {
      interaction: 'Verifying a pact between shop-web and product-service Given a product with ID 10 exists - a request to get a product',
      mismatch: { type: 'mismatches', mismatches: [{ type: 'StatusMismatch', expected: 200, actual: 404, mismatch: 'expected 200 but was 404' }] },
    },
    {
      interaction: 'Verifying a pact between shop-web and product-service Given a product with ID 11 does not exist - a request to get a product',
      mismatch: { type: 'mismatches', mismatches: [{ type: 'StatusMismatch', expected: 404, actual: 500, mismatch: 'expected 404 but was 500' }] },
    },
    {
      interaction: 'Verifying a pact between shop-web and product-service Given a product with ID 11 does not exist - a request to get a product - One or more of the setup state change handlers has failed',
      mismatch: { type: 'error', message: '' },
    },
  ],
};

describe('parseCoreResult: same description, slow replies', () => {
  it('matches each failure by description + provider states + order, and keeps consumer and states past a second', () => {
    const { interactions } = parseCoreResult(JSON.stringify(shared), 'product-service');
    expect(interactions.map((i) => [i.consumer, i.states, i.mismatches])).toEqual([
      ['shop-web', ['a product with ID 10 exists'], ['status: expected 200, got 404']],
      ['shop-web', ['a product with ID 11 does not exist'], ['status: expected 404, got 500']],
      ['shop-web', ['a product with ID 11 does not exist'], ['One or more of the setup state change handlers has failed']],
    ]);
    const junit = formatVerify({ ok: false, provider: 'product-service', source: 'pacts', interactions, notices: [], missingStates: [], warnings: [] }, 'junit');
    expect(junit).toContain('<testcase classname="shop-web.product-service" name="a request to get a product (given a product with ID 10 exists)" time="1.516"');
  });
});
