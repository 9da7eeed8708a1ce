// The command line: --help, --version, unknown commands, and --help of each subcommand.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { runComptoir } from '../support/server.mjs';

const SUBCOMMANDS = ['serve', 'migrate', 'seed', 'check-config', 'redirects'];

describe('comptoir command line', { timeout: 60_000 }, () => {
  test('comptoir --help exits 0 and lists the subcommands', async () => {
    const result = await runComptoir(['--help']);
    assert.equal(result.code, 0, result.output);
    for (const name of SUBCOMMANDS) assert.ok(result.output.includes(name), `--help does not mention ${name}:\n${result.output}`);
  });

  test('comptoir --version exits 0 and prints a version number', async () => {
    const result = await runComptoir(['--version']);
    assert.equal(result.code, 0, result.output);
    assert.match(result.output, /\d+\.\d+\.\d+/);
  });

  test('comptoir with no command exits non-zero and says how to get help, or prints help', async () => {
    const result = await runComptoir([]);
    assert.ok(result.output.trim().length > 0, 'no output at all');
    if (result.code === 0) assert.match(result.output, /serve/);
    else assert.match(result.output, /--help|usage/i);
  });

  test('comptoir frobnicate exits non-zero and names the unknown command', async () => {
    const result = await runComptoir(['frobnicate']);
    assert.notEqual(result.code, 0, result.output);
    assert.equal(result.signal, null, 'must exit, not crash');
    assert.ok(result.output.includes('frobnicate'), `the message should name the command:\n${result.output}`);
  });

  test('an unknown option exits non-zero with a message', async () => {
    const result = await runComptoir(['serve', '--frobnicate']);
    assert.notEqual(result.code, 0, result.output);
    assert.equal(result.signal, null, 'must exit, not crash');
    assert.ok(result.output.includes('frobnicate'), `the message should name the option:\n${result.output}`);
  });

  for (const name of SUBCOMMANDS) {
    test(`comptoir ${name} --help exits 0 without touching a database`, async () => {
      const result = await runComptoir([name, '--help'], { env: { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' } });
      assert.equal(result.code, 0, result.output);
      assert.ok(result.output.includes(name), `${name} --help should name the command:\n${result.output}`);
    });
  }

  test('comptoir migrate without a reachable database exits non-zero with a message', async () => {
    const result = await runComptoir(['migrate'], {
      env: { COMPTOIR_ENV: 'test', DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' },
    });
    assert.notEqual(result.code, 0, result.output);
    assert.equal(result.signal, null, 'must exit, not crash');
    assert.ok(result.output.trim().length > 0, 'no message');
  });
});
