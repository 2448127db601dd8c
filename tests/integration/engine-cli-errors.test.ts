// The command-line runner when things go wrong, as a real process against the sandbox: every
// problem is one sentence (no stack trace), real services are reached from environment
// variables, and no token or key ever reaches the output, the state file or the history.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEMO_CREDENTIALS } from '../../sandbox/core/credentials';
import { runCli, STACK_LINE, tempState } from './engine-cli-helpers';
import { contact, type Firm, pioneers } from './engine-firm';
import { sandboxForThisFile, World } from './engine-world';

const sandbox = sandboxForThisFile();

const firm: Firm = {
  customers: pioneers(3), // Ada Lovelace, Alan Turing, Grace Hopper
  contacts: [contact('Ada', 'Lovelace', ['ada@example.com'])],
};

/** A clean environment: nothing of the caller's QBO_/KARBON_/INTUIT_ variables leaks in. */
function env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const base = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !/^(QBO|KARBON|INTUIT)_/u.test(k)),
  );
  return { ...base, NO_COLOR: '1', ...extra };
}

/** The sandbox as if it were the real services, through the environment variables of docs/engine.md. */
function realEnv(overrides: Record<string, string> = {}): NodeJS.ProcessEnv {
  return env({
    QBO_REALM_ID: DEMO_CREDENTIALS.qbo.realmId,
    QBO_REFRESH_TOKEN: DEMO_CREDENTIALS.qbo.refreshToken,
    INTUIT_CLIENT_ID: DEMO_CREDENTIALS.intuit.clientId,
    INTUIT_CLIENT_SECRET: DEMO_CREDENTIALS.intuit.clientSecret,
    KARBON_BEARER_TOKEN: DEMO_CREDENTIALS.karbon.bearerToken,
    KARBON_ACCESS_KEY: DEMO_CREDENTIALS.karbon.accessKey,
    QBO_BASE_URL: `${sandbox.url}/qbo`,
    INTUIT_TOKEN_URL: `${sandbox.url}/intuit/oauth2/v1/tokens/bearer`,
    INTUIT_REVOKE_URL: `${sandbox.url}/intuit/v2/oauth2/tokens/revoke`,
    KARBON_BASE_URL: `${sandbox.url}/karbon/v3`,
    ...overrides,
  });
}

/** One sentence on stderr, exit 1, nothing that looks like a stack trace. */
function oneSentence(r: { code: number | null; stderr: string; stdout: string }, pattern: RegExp): void {
  expect(r.code, r.stderr).toBe(1);
  expect(r.stderr).toMatch(pattern);
  expect(r.stderr.trim().split('\n')).toHaveLength(1);
  expect(r.stderr + r.stdout).not.toMatch(STACK_LINE);
}

describe('npm run cli when something is wrong', () => {
  it('a --sandbox that is not a URL, or that nothing answers → one sentence, exit 1', async () => {
    const notUrl = await runCli(['run', '--sandbox', 'localhost-ish', '--state', tempState()], {
      env: env(),
    });
    expect(notUrl.code).toBe(2);
    expect(notUrl.stderr).toMatch(
      /--sandbox takes the sandbox's address, such as http:\/\/127\.0\.0\.1:8787/u,
    );
    expect(notUrl.stderr).not.toMatch(STACK_LINE);

    const nobody = await runCli(['run', '--sandbox', 'http://127.0.0.1:9', '--state', tempState()], {
      env: env(),
    });
    oneSentence(nobody, /^The sandbox at http:\/\/127\.0\.0\.1:9 cannot be reached/u);
  });

  it('a state file that cannot be created, is damaged, or sits beside a damaged token file → one sentence, exit 1', async () => {
    const noDir = await runCli(['links', '--state', '/nonexistent-dir/state.json'], { env: env() });
    oneSentence(
      noDir,
      /^Cannot use \/nonexistent-dir\/state\.json \(ENOENT\): check that its folder exists and can be written/u,
    );

    const damaged = tempState();
    writeFileSync(damaged, '{"format":');
    oneSentence(await runCli(['links', '--state', damaged], { env: env() }), /is not a usable state file/u);

    await World.start(sandbox, firm);
    const state = tempState();
    writeFileSync(`${state}.tokens.json`, '{not json');
    const r = await runCli(['run', '--sandbox', sandbox.url, '--state', state, '--json'], { env: env() });
    oneSentence(r, /tokens\.json is not a usable token file: delete it/u);
    expect(JSON.parse(r.stdout)).toEqual({ error: expect.stringMatching(/not a usable token file/u) });
  });

  it('real services from environment variables: the missing ones are named; set, a run completes', async () => {
    const missing = await runCli(['run', '--state', tempState()], { env: env({ QBO_REALM_ID: '1' }) });
    oneSentence(
      missing,
      /^Set QBO_REFRESH_TOKEN, INTUIT_CLIENT_ID, INTUIT_CLIENT_SECRET, KARBON_BEARER_TOKEN, KARBON_ACCESS_KEY \(or use --sandbox URL\)/u,
    );

    const world = await World.start(sandbox, firm);
    const state = tempState();
    const run = await runCli(['run', '--state', state, '--json'], { env: realEnv() });
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({
      status: 'completed',
      counts: { linked: 1, createdInKarbon: 2, errors: 0 },
    });
    // No access token was given: the first request refreshed, and the rotated tokens were kept
    // beside the state (readable by its owner only), never in it.
    expect((await world.routes())['POST /intuit/oauth2/v1/tokens/bearer']).toBe(1);
    expect(existsSync(`${state}.tokens.json`)).toBe(true);
    const again = await runCli(['run', '--state', state, '--json'], { env: realEnv() });
    expect(JSON.parse(again.stdout)).toMatchObject({ status: 'completed', errors: [] });
    await world.close();
  }, 60_000);

  it('a run through faults and refused credentials never puts a token or key in its output, the state file or the history', async () => {
    const world = await World.start(sandbox, firm);
    const state = tempState();
    const outputs: string[] = [];
    const cli = async (args: string[], e: NodeJS.ProcessEnv = env()) => {
      const r = await runCli(args, { env: e });
      outputs.push(r.stdout, r.stderr);
      return r;
    };
    // Throttled, failing and dropped answers, an expired token renewed on the way…
    await world.fault({ route: 'GET /karbon', status: 503, count: 2 });
    await world.fault({ route: 'POST /karbon/v3/Contacts', status: 500, count: 1 });
    await world.fault({ route: 'GET /qbo', status: 429, count: 1 });
    await world.fault({ route: 'GET /karbon/v3/Organizations', drop: true, count: 1 });
    await fetch(`${sandbox.url}/__sandbox/tokens/expire`, { method: 'POST' });
    await cli(['run', '--state', state, '--json'], realEnv());
    // …a malformed answer, then a revoked QuickBooks authorization and a wrong Karbon key.
    await world.fault({ route: 'GET /karbon/v3/Contacts', malformed: 'shape', count: 1 });
    await cli(['run', '--state', state], realEnv());
    await fetch(`${sandbox.url}/__sandbox/tokens/revoke`, { method: 'POST' });
    const revoked = await cli(['run', '--state', state, '--json'], realEnv());
    expect(JSON.parse(revoked.stdout)).toMatchObject({
      status: 'failed',
      errors: [{ message: expect.stringMatching(/reconnect QuickBooks/u) }],
    });
    // A wrong Karbon key, on a fresh connection (the one above stays revoked).
    const wrongKey = 'wrong-karbon-access-key-0123456789';
    await World.load(sandbox, firm);
    const keyState = tempState();
    await cli(['run', '--state', keyState, '--json'], realEnv({ KARBON_ACCESS_KEY: wrongKey }));
    await cli(['history', '--state', state, '--json']);
    await cli(['run', '--sandbox', sandbox.url, '--state', state]);

    const tokenFile = JSON.parse(readFileSync(`${state}.tokens.json`, 'utf8')) as {
      tokens: { accessToken: string; refreshToken: string };
    };
    const secrets = [
      DEMO_CREDENTIALS.intuit.clientSecret,
      DEMO_CREDENTIALS.qbo.accessToken,
      DEMO_CREDENTIALS.qbo.refreshToken,
      DEMO_CREDENTIALS.karbon.bearerToken,
      DEMO_CREDENTIALS.karbon.accessKey,
      tokenFile.tokens.accessToken,
      tokenFile.tokens.refreshToken,
      wrongKey,
      // The Basic header's encoding of the client secret.
      Buffer.from(`${DEMO_CREDENTIALS.intuit.clientId}:${DEMO_CREDENTIALS.intuit.clientSecret}`).toString(
        'base64',
      ),
    ];
    const everything = [...outputs, readFileSync(state, 'utf8'), readFileSync(keyState, 'utf8')].join('\n');
    expect(everything).toMatch(/reconnect QuickBooks/u); // the faults did happen and were recorded
    expect(everything).toMatch(/update the Karbon key/u);
    for (const secret of secrets)
      expect(everything.includes(secret), `a secret leaked: ${secret.slice(0, 6)}…`).toBe(false);
    expect(everything).not.toMatch(STACK_LINE);
    await world.close();
  }, 120_000);
});
