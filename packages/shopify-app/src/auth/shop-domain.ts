const SHOP = /^[a-z0-9][a-z0-9-]*\.myshopify\.com$/;

/**
 * A shop's canonical domain (`x.myshopify.com`) from what a merchant or a request gives (`x`,
 * `X.myshopify.com`, `https://x.myshopify.com/`), or null. Only myshopify domains are accepted: the
 * shop parameter of an install request decides where tokens are sent, so nothing else may pass.
 */
export function normaliseShopDomain(input: string | null | undefined): string | null {
  if (!input) return null;
  let text = input.trim().toLowerCase();
  text = text.replace(/^https?:\/\//, '').replace(/\/.*$/, '');
  if (/^[a-z0-9][a-z0-9-]*$/.test(text)) text = `${text}.myshopify.com`;
  return SHOP.test(text) ? text : null;
}
