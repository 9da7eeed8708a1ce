// Every route class that writes or sends is throttled (docs/throttles.md), black box: a server with
// tiny COMPTOIR_RATE_LIMITS is driven past each limit, and each answer is a 429 with Retry-After —
// problem+json on the API and the webhooks, the localized error page or the form again with a
// message on the pages — in French and in English. Wrong 2FA codes end the half-signed-in
// session and mail the owner. A second server with the built-in limits serves a normal shopper,
// and its GET pages never touch the throttles' table.
//
// Each visitor connects from its own loopback address (127.0.x.y reaches a server listening on
// 127.0.0.1), as different people would, so that a per-address limit counts what a test means.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import Stripe from 'stripe';
import { Webhook } from 'svix';
import { checkoutShop } from '../support/checkout_fixtures.mjs';
import { FormClient, formsOf } from '../support/form_client.mjs';
import { loadCatalog, pageText } from '../support/html.mjs';
import { describe as show, request, runComptoir, startServer } from '../support/server.mjs';
import { startSmtpCapture } from '../support/smtp_capture.mjs';
import { totp } from '../support/totp.mjs';

const PASSWORD = 'Sirop-de-bouleau-2026';
const KEYS = `t1:${randomBytes(32).toString('base64')}`;
const STRIPE_SECRET = 'whsec_throttles_Vq3kT8pLm2Zr7Yx';
const CLERK_SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const LIMITS = [
  'cart_session=4/1h', 'cart_ip=6/1h', 'order_session=2/1h', 'order_email=2/1h', 'order_ip=3/1h',
  'api_token=3/1h', 'webhook_ip=2/1h', 'register_account=2/1h', 'verify_ip=3/1h', 'verify_account=2/1h',
  'reset_account=2/1h', 'code_session=3/1h',
].join(',');
const ADDRESS = { full_name: 'Élise Tremblay', line1: '1200 rue Saint-Denis', city: 'Montréal', postal_code: 'H2X 3J6', region: 'CA-QC' };
const messages = { fr: loadCatalog('fr'), en: loadCatalog('en') };
const t = (locale, key) => {
  assert.ok(messages[locale][key], `locales/${locale}.json has no ${key}`);
  return messages[locale][key];
};
// A catalog text with its {placeholders} matching anything.
const pattern = (text) => new RegExp(text.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[a-z_]+\}/g, '.+?'));

// At the top level: the capture closes its server in an `after` hook of its own.
const capture = await startSmtpCapture();
let tight;   // tiny limits
let normal;  // the built-in limits
let shop;    // tight's catalog and shoppers
let product;

before(async () => {
  tight = await startServer({
    env: {
      COMPTOIR_RATE_LIMITS: LIMITS, COMPTOIR_SECRET_KEYS: KEYS, SMTP_URL: capture.url, MAIL_FROM: 'boutique@example.ca',
      STRIPE_WEBHOOK_SECRET: STRIPE_SECRET, CLERK_WEBHOOK_SECRET: CLERK_SECRET,
    },
  });
  normal = await startServer({ env: { COMPTOIR_SECRET_KEYS: KEYS } });
  shop = await checkoutShop(tight);
  product = await shop.product({ fr: 'Tasse en grès', en: 'Stoneware mug', price: 1_250, stock: 500 });
}, { timeout: 90_000 });
after(async () => {
  await tight?.stop();
  await normal?.stop();
});

const sql = (server, query) => execFileSync('psql', [server.database.url, '-X', '-q', '-t', '-A', '-c', query], { encoding: 'utf8' }).trim();
const quote = (text) => `'${String(text).replaceAll("'", "''")}'`;

let addresses = 0;
const nextAddress = () => {
  addresses += 1;
  return `127.0.${30 + Math.floor(addresses / 250)}.${(addresses % 250) + 1}`;
};
const visitor = (server = tight) => new FormClient(server.url, { localAddress: nextAddress() });

let serial = 0;
const newEmail = (tag) => `${tag}-${process.pid}-${(serial += 1)}@example.ca`;

// Registering signs nobody in (docs/accounts.md, "Registration"): follows the link mailed to
// `email` and logs `client` in with PASSWORD.
async function finishRegistration(client, email, locale) {
  const link = sql(tight, `SELECT payload->>'link' FROM email_outbox WHERE to_address = ${quote(email)} AND template = 'accounts.verify_email' ORDER BY id DESC LIMIT 1`);
  const verify = locale === 'fr' ? '/fr/compte/verification' : '/en/account/verify';
  const confirmed = await client.submit(link.slice(tight.url.length), {}, { action: verify });
  assert.equal(confirmed.status, 303, show(confirmed));
  const login = await client.submit(locale === 'fr' ? '/fr/connexion' : '/en/login', { email, password: PASSWORD });
  assert.equal(login.status, 303, show(login));
}

// A 429 problem+json with Retry-After, in `locale`: its body.
function assertTooMany(res, code, locale) {
  assert.equal(res.status, 429, show(res));
  assert.match(res.headers['retry-after'] ?? '', /^[1-9]\d*$/, `no Retry-After in seconds:\n${show(res)}`);
  assert.match(res.headers['content-type'] ?? '', /^application\/problem\+json/, show(res));
  const problem = JSON.parse(res.text);
  assert.equal(problem.status, 429);
  assert.equal(problem.code, code);
  assert.equal(problem.retry_after, Number(res.headers['retry-after']));
  if (locale) assert.equal(problem.title, t(locale, 'error.429.title'));
  return problem;
}

// The localized 429 error page with Retry-After.
function assertTooManyPage(res, locale) {
  assert.equal(res.status, 429, show(res));
  assert.match(res.headers['retry-after'] ?? '', /^[1-9]\d*$/, `no Retry-After in seconds:\n${show(res)}`);
  assert.match(res.headers['content-type'] ?? '', /^text\/html/, show(res));
  const text = pageText(res.text);
  assert.ok(text.includes(t(locale, 'error.429.title')), text);
  assert.ok(text.includes(t(locale, 'error.429.message')), text);
}

// A guest of the cart API on its own session (made by GET /api/v1/cart) and address.
async function cartApiGuest(locale, localAddress = nextAddress()) {
  const client = new FormClient(tight.url, { localAddress });
  const first = await client.send('/api/v1/cart', { headers: { 'accept-language': locale } });
  assert.equal(first.status, 200, show(first));
  const token = JSON.parse(first.text).csrf_token;
  const add = () => client.send('/api/v1/cart/items', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'accept-language': locale, 'x-csrf-token': token, origin: tight.url },
    rawBody: JSON.stringify({ product_id: product.id, variant_id: product.variant, quantity: 1 }),
  });
  return { client, add };
}

// Adds `product` through the product page's own form, as a browser without JavaScript.
async function addFromProductPage(client, locale) {
  const cartPath = locale === 'fr' ? '/fr/panier' : '/en/cart';
  const page = await client.get(locale === 'fr' ? `/fr/produit/${product.slugs.fr}` : `/en/product/${product.slugs.en}`);
  assert.equal(page.status, 200, show(page));
  const form = formsOf(page.text).find((f) => f.action === cartPath);
  assert.ok(form, 'the product page has no add-to-cart form');
  return client.send(cartPath, { method: 'POST', form: form.fields });
}

describe('cart writes', { timeout: 120_000 }, () => {
  test('per session: past the limit the API answers 429 problem+json and the forms the error page, in each language; reads go on', async () => {
    const guest = await cartApiGuest('fr');
    for (let i = 0; i < 4; i += 1) assert.equal((await guest.add()).status, 201, `write ${i + 1}`);
    const refused = await guest.add();
    const problem = assertTooMany(refused, 'cart.rate_limited', 'fr');
    assert.equal(problem.detail, t('fr', 'error.429.message'));
    const english = await guest.client.send(`/api/v1/cart/items/${product.variant}`, {
      method: 'DELETE', headers: { 'accept-language': 'en', 'x-csrf-token': 'any', origin: tight.url },
    });
    assertTooMany(english, 'cart.rate_limited', 'en');

    // The same session's forms get the error page, in the page's language.
    assertTooManyPage(await addFromProductPage(guest.client, 'fr'), 'fr');
    assertTooManyPage(await addFromProductPage(guest.client, 'en'), 'en');
    // Reading is never throttled: the cart is still there.
    const cart = await guest.client.send('/api/v1/cart');
    assert.equal(cart.status, 200, show(cart));
    assert.equal(JSON.parse(cart.text).items[0].quantity, 4);
    assert.equal((await guest.client.get('/fr/panier')).status, 200);
  });

  test('per address: several sessions from one address share its limit; another address is not affected', async () => {
    const office = nextAddress();
    const first = await cartApiGuest('en', office);
    for (let i = 0; i < 4; i += 1) assert.equal((await first.add()).status, 201);
    const second = await cartApiGuest('en', office);
    for (let i = 0; i < 2; i += 1) assert.equal((await second.add()).status, 201);
    assertTooMany(await second.add(), 'cart.rate_limited', 'en');
    // A visitor without a session yet is counted by its address alone.
    assertTooManyPage(await addFromProductPage(new FormClient(tight.url, { localAddress: office }), 'en'), 'en');
    const elsewhere = await cartApiGuest('en');
    assert.equal((await elsewhere.add()).status, 201);
  });
});

describe('placing orders', { timeout: 120_000 }, () => {
  const ordered = async (buyer) => {
    await buyer.add(product);
    return buyer.checkout();
  };

  test('per session, then per email: 429 problem+json with Retry-After, nothing placed, no stock held', async () => {
    const stock = shop.stock(product);
    const buyer = await shop.shopper({ locale: 'fr', localAddress: nextAddress() });
    for (let i = 0; i < 2; i += 1) assert.equal((await ordered(buyer)).status, 201, `order ${i + 1}`);
    const refused = await ordered(buyer);
    const problem = assertTooMany(refused, 'checkout.rate_limited', 'fr');
    assert.match(problem.detail, pattern(t('fr', 'checkout.error.rate_limited')));
    assert.equal(shop.ordersOf(buyer.email).length, 2);
    assert.equal(shop.stock(product), stock - 2, 'the refused order held stock');

    // Another session and address, the same email: refused by the email's limit, in English.
    const again = await shop.shopper({ locale: 'en', localAddress: nextAddress() });
    await again.add(product);
    const english = assertTooMany(await again.checkout({ email: buyer.email.toUpperCase() }), 'checkout.rate_limited', 'en');
    assert.match(english.detail, pattern(t('en', 'checkout.error.rate_limited')));
    assert.equal(shop.ordersOf(buyer.email).length, 2);
    // Its own email goes through: it was the email that was limited, not this session.
    assert.equal((await again.checkout()).status, 201);
  });

  test('per address: an office places several orders, then waits; a neighbour does not', async () => {
    const office = nextAddress();
    for (let i = 0; i < 3; i += 1) {
      const buyer = await shop.shopper({ locale: 'fr', localAddress: office });
      assert.equal((await ordered(buyer)).status, 201, `colleague ${i + 1}`);
    }
    const late = await shop.shopper({ locale: 'fr', localAddress: office });
    assertTooMany(await ordered(late), 'checkout.rate_limited', 'fr');
    assert.equal(shop.ordersOf(late.email).length, 0);
    const neighbour = await shop.shopper({ locale: 'fr', localAddress: nextAddress() });
    assert.equal((await ordered(neighbour)).status, 201);
  });

  for (const locale of ['fr', 'en']) {
    test(`the checkout page (${locale}) shows the form again, with what was typed, a message and Retry-After`, async () => {
      // The email's orders are used up through the API first.
      const limited = newEmail(`page-${locale}`);
      for (let i = 0; i < 2; i += 1) {
        const buyer = await shop.shopper({ localAddress: nextAddress() });
        await buyer.add(product);
        assert.equal((await buyer.checkout({ email: limited })).status, 201);
      }
      const client = visitor();
      assert.equal((await addFromProductPage(client, locale)).status, 303);
      const checkoutPath = locale === 'fr' ? '/fr/commande' : '/en/checkout';
      const page = await client.get(checkoutPath);
      const form = formsOf(page.text).find((f) => f.action === checkoutPath && f.method === 'post');
      assert.ok(form, `no checkout form:\n${show(page)}`);
      const res = await client.send(checkoutPath, { method: 'POST', form: { ...form.fields, ...ADDRESS, email: limited } });
      assert.equal(res.status, 429, show(res));
      assert.match(res.headers['retry-after'] ?? '', /^[1-9]\d*$/);
      assert.match(pageText(res.text), pattern(t(locale, 'checkout.error.rate_limited')));
      const kept = formsOf(res.text).find((f) => f.action === checkoutPath);
      assert.equal(kept?.fields.email, limited, 'the typed email was lost');
      assert.equal(kept?.fields.full_name, ADDRESS.full_name);
    });
  }
});

describe('forms that send mail', { timeout: 120_000 }, () => {
  const outbox = (email, template) => Number(sql(tight, `SELECT count(*) FROM email_outbox WHERE to_address = ${quote(email)} AND template = ${quote(template)}`));

  // A signed-in customer whose address is not verified yet (made by the operator command, since a
  // registration is finished by the verification link itself).
  async function registered(locale = 'fr', localAddress = nextAddress()) {
    const client = new FormClient(tight.url, { localAddress });
    const email = newEmail('verif');
    const made = await runComptoir(['user', 'create', '--email', email, '--role', 'customer', '--locale', locale], {
      env: { COMPTOIR_ENV: 'test', DATABASE_URL: tight.database.url }, input: `${PASSWORD}\n`, timeout: 60_000,
    });
    assert.equal(made.code, 0, made.output);
    const res = await client.submit(locale === 'fr' ? '/fr/connexion' : '/en/login', { email, password: PASSWORD });
    assert.equal(res.status, 303, show(res));
    return { client, email };
  }
  const resend = async (client, locale) => {
    const accountPath = locale === 'fr' ? '/fr/compte' : '/en/account';
    const action = locale === 'fr' ? '/fr/compte/verification/renvoyer' : '/en/account/verify/resend';
    return client.submit(accountPath, {}, { action });
  };

  test('verification resend: per account, then per address; the account page says when to try again', async () => {
    const here = nextAddress();
    const { client, email } = await registered('fr', here);
    for (let i = 0; i < 2; i += 1) assert.equal((await resend(client, 'fr')).status, 303, `resend ${i + 1}`);
    const refused = await resend(client, 'fr');
    assert.equal(refused.status, 429, show(refused));
    assert.match(refused.headers['retry-after'] ?? '', /^[1-9]\d*$/);
    assert.match(pageText(refused.text), pattern(t('fr', 'accounts.rate_limited')));
    assert.equal(outbox(email, 'accounts.verify_email'), 2, 'two resends');

    // The address has sent three: a second account there is refused too, in English.
    const neighbour = await registered('en', here);
    const english = await resend(neighbour.client, 'en');
    assert.equal(english.status, 429, show(english));
    assert.match(pageText(english.text), pattern(t('en', 'accounts.rate_limited')));
    assert.equal(outbox(neighbour.email, 'accounts.verify_email'), 0);
    const elsewhere = await registered('en');
    assert.equal((await resend(elsewhere.client, 'en')).status, 303);
  });

  test('registration: the same email from several addresses is refused past its limit, known or not', async () => {
    const email = newEmail('inscription');
    const answers = [];
    for (let i = 0; i < 3; i += 1) {
      const res = await visitor().submit('/fr/inscription', { email, password: PASSWORD });
      answers.push(res);
    }
    assert.notEqual(answers[0].status, 429, show(answers[0]));
    assert.notEqual(answers[1].status, 429, show(answers[1]));
    assert.equal(answers[2].status, 429, show(answers[2]));
    assert.match(answers[2].headers['retry-after'] ?? '', /^[1-9]\d*$/);
    assert.match(pageText(answers[2].text), pattern(t('fr', 'accounts.rate_limited')));
    // Each registration of an address not confirmed yet mails its own link (docs/accounts.md).
    assert.equal(outbox(email, 'accounts.verify_email'), 2);
  });

  test('password reset: over the account\'s limit the answer stays the same and no more mail is sent', async () => {
    const { email } = await registered('en');
    for (let i = 0; i < 3; i += 1) {
      const res = await visitor().submit('/en/forgot-password', { email });
      assert.equal(res.status, 200, show(res));
      assert.ok(pageText(res.text).includes(t('en', 'accounts.forgot.sent')));
    }
    assert.equal(outbox(email, 'accounts.reset_password'), 2);
  });
});

describe('API token writes', { timeout: 60_000 }, () => {
  test('per token: 429 problem+json past the limit; reads and other tokens go on', async () => {
    const token = async () => {
      const made = await runComptoir(['token', 'create', '--name', `throttled-${(serial += 1)}`, '--scope', 'catalog:write'], {
        env: { COMPTOIR_ENV: 'test', DATABASE_URL: tight.database.url },
      });
      assert.equal(made.code, 0, made.output);
      return made.stdout.trim().split('\n').pop().trim();
    };
    const call = (bearer, method, target, body, locale = 'en') => request(`${tight.url}${target}`, {
      method,
      headers: { authorization: `Bearer ${bearer}`, accept: 'application/json', 'accept-language': locale, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const create = (bearer, n, locale) => call(bearer, 'POST', '/api/v1/products', {
      status: 'draft', text: { fr: { name: `Essai ${n}` }, en: { name: `Trial ${n}` } },
      variants: [{ sku: `THR-${n}-${process.pid}`, price_cents: 100, stock_on_hand: 1 }],
    }, locale);
    const busy = await token();
    let id;
    for (let i = 0; i < 3; i += 1) {
      const res = await create(busy, `a${i}`);
      assert.equal(res.status, 201, show(res));
      id = JSON.parse(res.text).id;
    }
    assertTooMany(await create(busy, 'a3', 'fr'), 'api.rate_limited', 'fr');
    assertTooMany(await create(busy, 'a4', 'en'), 'api.rate_limited', 'en');
    assert.equal((await call(busy, 'GET', `/api/v1/products/${id}`)).status, 200, 'reads are not counted');
    assert.equal((await create(await token(), 'b0')).status, 201, 'another token has its own limit');
  });
});

describe('webhooks', { timeout: 60_000 }, () => {
  const stripe = new Stripe('sk_test_signer_only');
  const stripeEvent = () => JSON.stringify({
    id: `evt_${randomBytes(8).toString('hex')}`, object: 'event', type: 'payment_intent.created', created: Math.floor(Date.now() / 1000),
    data: { object: { id: `pi_${randomBytes(6).toString('hex')}`, object: 'payment_intent', amount: 1000 } },
  });
  const toStripe = (body, localAddress, secret = STRIPE_SECRET) => request(`${tight.url}/webhooks/stripe`, {
    method: 'POST', localAddress,
    headers: { 'content-type': 'application/json', 'stripe-signature': stripe.webhooks.generateTestHeaderString({ payload: body, secret }) },
    body,
  });
  const toClerk = (n, localAddress, signer = new Webhook(CLERK_SECRET)) => {
    const id = `msg_throttle_${process.pid}_${n}`;
    const at = new Date();
    const body = JSON.stringify({
      type: 'user.created', object: 'event',
      data: {
        id: `user_thr_${n}`, object: 'user', first_name: 'Élise', last_name: 'Gagnon', primary_email_address_id: `idn_${n}`,
        email_addresses: [{ id: `idn_${n}`, email_address: newEmail('clerk'), verification: { status: 'verified' } }],
        public_metadata: {}, updated_at: Date.now(),
      },
    });
    return request(`${tight.url}/webhooks/clerk`, {
      method: 'POST', localAddress, body,
      headers: { 'content-type': 'application/json', 'svix-id': id, 'svix-timestamp': String(Math.floor(at.getTime() / 1000)), 'svix-signature': signer.sign(id, at, body) },
    });
  };
  const stored = (id) => sql(tight, `SELECT count(*) FROM stripe_events WHERE id = ${quote(id)}`);

  // webhook_ip is 2 an hour here. A verified delivery comes from the provider and takes nothing.
  test('Stripe, per sending address: forged deliveries get 400 then 429; verified ones are never throttled', async () => {
    const sender = nextAddress();
    for (let i = 0; i < 4; i += 1) {
      const res = await toStripe(stripeEvent(), sender);
      assert.equal(res.status, 200, show(res));
    }
    assert.equal(sql(tight, `SELECT count(*) FROM rate_limit_buckets WHERE bucket = ${quote(`webhook_ip:${sender}`)}`), '0',
      'verified deliveries take no token');
    for (let i = 0; i < 2; i += 1) assert.equal((await toStripe(stripeEvent(), sender, 'whsec_forged')).status, 400);
    const forged = stripeEvent();
    assertTooMany(await toStripe(forged, sender, 'whsec_forged'), 'webhook.rate_limited');
    assert.equal(stored(JSON.parse(forged).id), '0');
    // The flood does not lock Stripe out of an address it shares (a proxy not declared trusted).
    const body = stripeEvent();
    assert.equal((await toStripe(body, sender)).status, 200);
    assert.equal(stored(JSON.parse(body).id), '1');
  });

  test('Clerk (Svix), per sending address: forged deliveries get 400 then 429; verified ones go through', async () => {
    const sender = nextAddress();
    for (let i = 0; i < 3; i += 1) assert.equal((await toClerk(`c${i}`, sender)).status, 200);
    const forger = new Webhook(`whsec_${Buffer.from('not the shop\'s clerk secret').toString('base64')}`);
    for (let i = 0; i < 2; i += 1) assert.equal((await toClerk(`f${i}`, sender, forger)).status, 400);
    assertTooMany(await toClerk('f2', sender, forger), 'webhook.rate_limited');
    assert.equal(sql(tight, "SELECT count(*) FROM users WHERE clerk_user_id LIKE 'user_thr_f%'"), '0');
    assert.equal((await toClerk('c3', sender)).status, 200);
    assert.equal(sql(tight, "SELECT count(*) FROM users WHERE clerk_user_id = 'user_thr_c3'"), '1');
  });

  // Their signatures are checked against secrets read from the database: a flood of unsigned
  // deliveries is refused by the throttle first.
  test('Printify and a supplier\'s news, per sending address: 429 past the limit, before any signature is checked', async () => {
    const post = (path, headers, localAddress) => request(`${tight.url}${path}`, {
      method: 'POST', localAddress, body: '{"type":"order:updated"}', headers: { 'content-type': 'application/json', ...headers },
    });
    const cases = [
      ['/webhooks/printify/987654', { 'x-pfy-signature': `sha256=${'0'.repeat(64)}` }, 404],
      ['/api/v1/supplier-orders/PO-unknown/events', { 'comptoir-signature': `t=1,v1=${'0'.repeat(64)}` }, 401],
    ];
    for (const [path, headers, refused] of cases) {
      const sender = nextAddress();
      for (let i = 0; i < 2; i += 1) assert.equal((await post(path, headers, sender)).status, refused, path);
      assertTooMany(await post(path, headers, sender), 'webhook.rate_limited');
      assert.equal((await post(path, headers, nextAddress())).status, refused, `${path}: another sender has its own limit`);
    }
  });
});

describe('two-factor codes', { timeout: 120_000 }, () => {
  // Enrols the signed-in `client` on `page`: the secret shown as text, and the recovery codes.
  async function enrol(client, page) {
    const form = await client.get(page);
    assert.equal(form.status, 200, show(form));
    const secret = /<code>([A-Z2-7]{4}(?: [A-Z2-7]{1,4})+)<\/code>/.exec(form.text)?.[1];
    assert.ok(secret, `no secret on ${page}`);
    const done = await client.submit(page, { code: totp(secret) }, { action: page });
    assert.equal(done.status, 200, show(done));
    return [...done.text.matchAll(/<li><code>([^<]+)<\/code><\/li>/g)].map((m) => m[1]);
  }

  for (const [locale, paths, subject] of [
    ['fr', { register: '/fr/inscription', enrol: '/fr/compte/double-authentification', login: '/fr/connexion', code: '/fr/connexion/code', forgot: '/fr/mot-de-passe-oublie' }, 'Une connexion à votre compte a été arrêtée'],
    ['en', { register: '/en/register', enrol: '/en/account/two-factor', login: '/en/login', code: '/en/login/code', forgot: '/en/forgot-password' }, 'A sign-in to your account was stopped'],
  ]) {
    test(`(${locale}) after 3 wrong codes the session must give the password again; the owner is mailed, the lockout audited`, async () => {
      const email = newEmail(`totp-${locale}`);
      const owner = visitor();
      assert.equal((await owner.submit(paths.register, { display_name: 'Élise Gagnon', email, password: PASSWORD })).status, 303);
      await finishRegistration(owner, email, locale);
      const codes = await enrol(owner, paths.enrol);
      const userId = Number(sql(tight, `SELECT id FROM users WHERE email = ${quote(email)}`));

      const intruder = visitor();
      const signedIn = await intruder.submit(paths.login, { email, password: PASSWORD });
      assert.equal(signedIn.headers.location, paths.code, show(signedIn));
      const halfSignedIn = intruder.cookie;
      for (let i = 0; i < 2; i += 1) {
        const wrong = await intruder.submit(paths.code, { code: 'ZZZZ-ZZZZ-ZZZZ' }, { action: paths.code });
        assert.equal(wrong.status, 401, show(wrong));
        assert.ok(pageText(wrong.text).includes(t(locale, 'accounts.code.wrong')));
      }
      const third = await intruder.submit(paths.code, { code: 'ZZZZ-ZZZZ-ZZZZ' }, { action: paths.code });
      assert.equal(third.status, 303, show(third));
      assert.equal(third.headers.location, `${paths.login}?notice=code_locked`);
      assert.equal(intruder.cookie, null, 'the session cookie was not cleared');
      const notice = await intruder.get(third.headers.location);
      assert.ok(pageText(notice.text).includes(t(locale, 'accounts.notice.code_locked')), pageText(notice.text));

      // The half-signed-in session is over: its cookie leads back to the password, and even a
      // right code is of no use with it.
      const stale = new FormClient(tight.url, { localAddress: intruder.localAddress });
      stale.cookie = halfSignedIn;
      const back = await stale.get(paths.code);
      assert.equal(back.status, 303, show(back));
      assert.equal(back.headers.location, paths.login);
      assert.equal(Number(sql(tight, `SELECT count(*) FROM audit_log WHERE action = 'two_factor.locked_out' AND actor_id = ${userId}`)), 1);

      const mail = await capture.waitFor(email, (m) => m.subject === subject);
      assert.match(mail.parts['text/html'], new RegExp(`<html lang="${locale}">`));
      assert.ok(mail.parts['text/plain'].includes(`${tight.url}${paths.forgot}`), mail.parts['text/plain']);
      assert.ok(mail.parts['text/plain'].includes('3'), 'the number of wrong codes');

      // With the password again, the code step starts afresh: a recovery code signs in.
      const again = await intruder.submit(paths.login, { email, password: PASSWORD });
      assert.equal(again.headers.location, paths.code, show(again));
      const right = await intruder.submit(paths.code, { code: codes[0] }, { action: paths.code });
      assert.equal(right.status, 303, show(right));
      assert.notEqual(right.headers.location, `${paths.login}?notice=code_locked`);
    });
  }
});

describe('the built-in limits', { timeout: 120_000 }, () => {
  test('a normal shopper browses, fills a cart and orders; the GET pages never touch the throttles', async () => {
    const normalShop = await checkoutShop(normal);
    const teapot = await normalShop.product({ fr: 'Théière en fonte', en: 'Cast iron teapot', price: 4_500, stock: 20 });
    const buckets = () => Number(sql(normal, 'SELECT count(*) FROM rate_limit_buckets'));
    const before = buckets();
    const client = visitor(normal);
    for (const path of ['/fr/', '/fr/produits', `/fr/produit/${teapot.slugs.fr}`, `/en/product/${teapot.slugs.en}`, '/fr/panier', '/api/v1/cart']) {
      assert.equal((await client.get(path)).status, 200, path);
    }
    assert.equal(buckets(), before, 'a GET took from a bucket');

    const page = await client.get(`/fr/produit/${teapot.slugs.fr}`);
    const add = formsOf(page.text).find((f) => f.action === '/fr/panier');
    assert.equal((await client.send('/fr/panier', { method: 'POST', form: { ...add.fields, quantity: '2' } })).status, 303);
    const cart = await client.get('/fr/panier');
    const update = formsOf(cart.text).find((f) => /^\/fr\/panier\/articles\//.test(f.action));
    assert.ok(update, 'no quantity form on the cart page');
    assert.equal((await client.send(update.action, { method: 'POST', form: { ...update.fields, quantity: '1' } })).status, 303);
    const checkout = await client.get('/fr/commande');
    const form = formsOf(checkout.text).find((f) => f.action === '/fr/commande' && f.method === 'post');
    const placed = await client.send('/fr/commande', { method: 'POST', form: { ...form.fields, ...ADDRESS, email: newEmail('normal') } });
    assert.equal(placed.status, 303, show(placed));
    assert.match(placed.headers.location, /\/fr\/commandes\/cmp-[0-9a-z]{8}\?t=/);
    // The writes were counted (cart per session and address, the order per session, email, address).
    assert.ok(buckets() >= before + 5, `${buckets()} buckets`);
  });
});
