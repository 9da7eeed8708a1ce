// The environment the black-box suites need, checked once with a message that says how to fix it.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

const HINTS = {
  COMPTOIR_BIN: 'path to the built binary, e.g. COMPTOIR_BIN=$PWD/build/debug/comptoir',
  COMPTOIR_TEST_DATABASE_URL:
    'superuser URL of an admin database on a private PostgreSQL, e.g. postgres://postgres@127.0.0.1:PORT/postgres',
  CHROMIUM_PATH: 'path to a Chromium executable, e.g. CHROMIUM_PATH=/usr/bin/chromium',
};

export function requireEnv(name) {
  const value = process.env[name];
  if (!value) {
    throw new Error(`${name} is not set: ${HINTS[name] ?? 'required by the black-box test suites'}`);
  }
  if ((name === 'COMPTOIR_BIN' || name === 'CHROMIUM_PATH') && !existsSync(value)) {
    throw new Error(`${name}=${value} does not exist: ${HINTS[name]}`);
  }
  return value;
}

export function comptoirBin() {
  return requireEnv('COMPTOIR_BIN');
}

export function adminDatabaseUrl() {
  return requireEnv('COMPTOIR_TEST_DATABASE_URL');
}

export const PG_BIN_DIR = process.env.PG_BIN_DIR ?? '/usr/lib/postgresql/15/bin';
