import { createManualClock } from '@passerelle/core/testing';
import { describe, expect, it } from 'vitest';
import { queryMessage, verifyQueryHmac } from '../src/auth/hmac.js';
import { normaliseShopDomain } from '../src/auth/shop-domain.js';
import { APP_URL, createTestApp } from './app-support.js';
import { useFakeShopify } from './support.js';

const { fake } = useFakeShopify();

describe('install request HMAC', () => {
  it("verifies Shopify's documented example (secret 'hush')", () => {
    // shopify.dev, "Verify a request" of the authorization code grant.
    const params = new URLSearchParams(
      'code=0907a61c0c8d55e99db179b68161bc00&hmac=700e2dadb827fcc8609e9d5ce208b2e9cdaab9df07390d2cbca10d7c328fc4bf&shop=some-shop.myshopify.com&state=0.6784241404160823&timestamp=1337178173',
    );
    expect(queryMessage(params)).toBe(
      'code=0907a61c0c8d55e99db179b68161bc00&shop=some-shop.myshopify.com&state=0.6784241404160823&timestamp=1337178173',
    );
    expect(verifyQueryHmac(params, ['hush'], { nowSeconds: 1337178173 })).toEqual({ ok: true });
    expect(verifyQueryHmac(params, ['hush'], { nowSeconds: 1337178173 + 3600 })).toEqual({
      ok: false,
      reason: 'stale-timestamp',
    });
    expect(verifyQueryHmac(params, ['other'], { nowSeconds: 1337178173 })).toEqual({ ok: false, reason: 'bad-hmac' });
    params.set('shop', 'evil-shop.myshopify.com');
    expect(verifyQueryHmac(params, ['hush'], { nowSeconds: 1337178173 }).ok).toBe(false);
  });

  it('only myshopify.com domains are shops', () => {
    expect(normaliseShopDomain('Some-Shop')).toBe('some-shop.myshopify.com');
    expect(normaliseShopDomain('https://some-shop.myshopify.com/admin')).toBe('some-shop.myshopify.com');
    expect(normaliseShopDomain('evil.example.com')).toBeNull();
    expect(normaliseShopDomain('some-shop.myshopify.com.evil.com')).toBeNull();
  });
});

describe('OAuth authorization-code install: HMAC-verified requests, state nonce bound to the browser', () => {
  async function begin(app: Awaited<ReturnType<typeof createTestApp>>, shop: string) {
    const response = await app.app.fetch(
      new Request(fake.installUrl(`${APP_URL}/shopify/auth`, shop, app.credentials.clientId)),
    );
    const location = new URL(response.headers.get('location') ?? 'about:blank');
    const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    return { response, location, cookie, state: location.searchParams.get('state') ?? '' };
  }

  it('installs a shop: consent redirect, callback, offline token stored, the shop endpoint serving', async () => {
    const shop = fake.addShop();
    const app = await createTestApp(fake);
    const started = await begin(app, shop.domain);
    expect(started.response.status).toBe(302);
    expect(started.location.origin + started.location.pathname).toBe(`https://${shop.domain}/admin/oauth/authorize`);
    expect(started.location.searchParams.get('client_id')).toBe(app.credentials.clientId);
    expect(started.location.searchParams.get('redirect_uri')).toBe(`${APP_URL}/shopify/auth/callback`);
    expect(started.location.searchParams.get('scope')).toContain('write_inventory');
    expect(started.response.headers.get('set-cookie')).toMatch(/HttpOnly; Secure; SameSite=Lax/);

    const callback = fake.authorize({
      shop: shop.domain,
      clientId: app.credentials.clientId,
      redirectUri: `${APP_URL}/shopify/auth/callback`,
      state: started.state,
      scope: 'read_products',
    });
    const done = await app.app.fetch(new Request(callback, { headers: { cookie: started.cookie } }));
    expect(done.status).toBe(302);
    expect(done.headers.get('location')).toBe(`https://${shop.domain}/admin/apps/${app.credentials.clientId}`);
    expect((await app.app.sessions.load(shop.domain))?.grant).toBe('authorization-code');
    expect(await app.app.shops()).toEqual([shop.domain]);

    const info = await app.call(`/passerelle/v1/shops/${shop.domain}/info`);
    expect(info.status).toBe(200);
    expect(await info.json()).toMatchObject({
      shopId: shop.domain,
      platform: { platform: 'shopify', apiVersion: '2026-07' },
    });
    // The replayed callback finds its nonce consumed.
    expect((await app.app.fetch(new Request(callback, { headers: { cookie: started.cookie } }))).status).toBe(403);
    await app.app.close();
  });

  it('refuses an unsigned or tampered install request, and a non-Shopify shop', async () => {
    const shop = fake.addShop();
    const app = await createTestApp(fake);
    const url = new URL(fake.installUrl(`${APP_URL}/shopify/auth`, shop.domain, app.credentials.clientId));
    url.searchParams.set('hmac', '0'.repeat(64));
    expect((await app.app.fetch(new Request(url))).status).toBe(401);
    url.searchParams.delete('hmac');
    expect((await app.app.fetch(new Request(url))).status).toBe(401);
    expect((await app.app.fetch(new Request(`${APP_URL}/shopify/auth?shop=evil.example.com`))).status).toBe(400);
  });

  it('refuses a callback whose state or cookie does not match, and one that is too old', async () => {
    const shop = fake.addShop();
    const app = await createTestApp(fake);
    const authorize = (state: string) =>
      fake.authorize({
        shop: shop.domain,
        clientId: app.credentials.clientId,
        redirectUri: `${APP_URL}/shopify/auth/callback`,
        state,
        scope: 'read_products',
      });

    const first = await begin(app, shop.domain);
    expect((await app.app.fetch(new Request(authorize(first.state)))).status).toBe(403);
    const second = await begin(app, shop.domain);
    expect(
      (await app.app.fetch(new Request(authorize('forged-state'), { headers: { cookie: second.cookie } }))).status,
    ).toBe(403);
    expect(await app.app.sessions.load(shop.domain)).toBeNull();

    const clock = createManualClock(new Date());
    const late = await createTestApp(fake, { clock });
    const third = await begin(late, shop.domain);
    const callback = fake.authorize({
      shop: shop.domain,
      clientId: late.credentials.clientId,
      redirectUri: `${APP_URL}/shopify/auth/callback`,
      state: third.state,
      scope: 'read_products',
    });
    clock.advance(10 * 60_000);
    const stale = await late.app.fetch(new Request(callback, { headers: { cookie: third.cookie } }));
    expect(stale.status).toBe(401);
    expect(await stale.text()).toMatch(/stale-timestamp/);
  });
});

describe('token exchange (embedded installs) and client credentials (own stores)', () => {
  it('trades a verified session token for an offline token once', async () => {
    const shop = fake.addShop();
    const app = await createTestApp(fake);
    const exchange = (token: string) =>
      app.app.fetch(
        new Request(`${APP_URL}/shopify/session`, { method: 'POST', headers: { authorization: `Bearer ${token}` } }),
      );

    const first = await exchange(fake.sessionToken({ shop: shop.domain, clientId: app.credentials.clientId }));
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ shop: shop.domain, installed: true, exchanged: true });
    expect(
      fake.tokenRequests.filter((request) => request.shop === shop.domain).map((request) => request.grantType),
    ).toEqual(['urn:ietf:params:oauth:grant-type:token-exchange']);
    expect(
      await (await exchange(fake.sessionToken({ shop: shop.domain, clientId: app.credentials.clientId }))).json(),
    ).toMatchObject({ exchanged: false });
    expect((await app.call(`/passerelle/v1/shops/${shop.domain}/info`)).status).toBe(200);

    expect(
      (
        await exchange(
          fake.sessionToken({ shop: shop.domain, clientId: app.credentials.clientId, secret: 'not-the-secret' }),
        )
      ).status,
    ).toBe(401);
    expect(
      (
        await exchange(
          fake.sessionToken({ shop: shop.domain, clientId: app.credentials.clientId, expiresInSeconds: -120 }),
        )
      ).status,
    ).toBe(401);
    expect((await exchange(fake.sessionToken({ shop: shop.domain, clientId: 'another-app' }))).status).toBe(401);
    await app.app.close();
  });

  it('client credentials: a token per shop, renewed before it expires and after a 401', async () => {
    const shop = fake.addShop();
    const clock = createManualClock(new Date());
    const app = await createTestApp(fake, { clock });
    const module = await app.app.addShop({ shop: shop.domain, clientCredentials: true });
    const grants = () =>
      fake.tokenRequests.filter((request) => request.shop === shop.domain && request.grantType === 'client_credentials')
        .length;
    expect(grants()).toBe(1);
    expect((await module.adapter.products!.list({ cursor: null, limit: 2 })).items).toHaveLength(2);

    clock.advance(24 * 3_600_000);
    await module.adapter.products!.list({ cursor: null, limit: 1 });
    expect(grants()).toBe(2);

    fake.revokeTokens(shop.domain);
    await module.adapter.products!.list({ cursor: null, limit: 1 });
    expect(grants()).toBe(3);
    await app.app.close();
  });

  it('a static token from the environment serves a shop too; its admin page has its own path', async () => {
    const shop = fake.addShop();
    const app = await createTestApp(fake, {
      shops: [{ shop: shop.domain, accessToken: shop.token }],
      adminPassword: () => 'admin-password-0001',
    });
    const admin = await app.app.fetch(new Request(`${APP_URL}${app.app.adminPathOf(shop.domain)}`));
    expect(admin.status).toBe(303);
    expect(admin.headers.get('location')).toMatch(new RegExp(`^/passerelle/admin/shops/${shop.domain}/login`));
    const login = await app.app.fetch(new Request(`${APP_URL}${app.app.adminPathOf(shop.domain)}/login`));
    expect(login.headers.get('content-type') ?? '').toMatch(/html/);
    expect((await app.app.fetch(new Request(`${APP_URL}/passerelle/admin/shops/other.myshopify.com`))).status).toBe(
      404,
    );
    expect((await app.call(`/passerelle/v1/shops/${shop.domain}/products?limit=2`)).status).toBe(200);
    expect((await app.call('/passerelle/v1/shops/not-installed.myshopify.com/info')).status).toBe(404);
    await app.app.close();
  });
});
