/** Shopify global ids: `gid://shopify/Product/632910392`, sometimes with a `?model_name=…` tail. */
const GID = /^gid:\/\/shopify\/([A-Za-z]+)\/(\d+)(\?.*)?$/;

export function toGid(type: string, id: string | number): string {
  const text = String(id);
  return text.startsWith('gid://') ? text : `gid://shopify/${type}/${text}`;
}

/** The resource type of a GID (`Product`), or null when the text is no GID. */
export function gidType(gid: string): string | null {
  return GID.exec(gid)?.[1] ?? null;
}

/** The numeric id of a GID, as REST payloads and webhooks carry it. */
export function legacyId(gid: string): string | null {
  return GID.exec(gid)?.[2] ?? null;
}

/** A GID without its query tail: `MailingAddress/1?model_name=CustomerAddress` is the same address. */
export function bareGid(gid: string): string {
  const match = GID.exec(gid);
  return match ? `gid://shopify/${match[1]}/${match[2]}` : gid;
}

export function isGid(value: string, type?: string): boolean {
  const match = GID.exec(value);
  return match !== null && (type === undefined || match[1] === type);
}
