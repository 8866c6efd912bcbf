import { PlatformError } from '@passerelle/core';
import type { KyInstance } from 'ky';

export interface AccessTokenAnswer {
  access_token: string;
  scope: string;
  expires_in?: number;
}

/**
 * `POST https://{shop}/admin/oauth/access_token`: every grant (authorization code, token exchange,
 * client credentials) goes through it. Errors keep Shopify's own words but never the secrets sent.
 */
export async function requestAccessToken(
  http: KyInstance,
  shop: string,
  body: Record<string, string>,
): Promise<AccessTokenAnswer> {
  let response: Response;
  try {
    response = await http.post(`https://${shop}/admin/oauth/access_token`, {
      json: body,
      headers: { accept: 'application/json' },
    });
  } catch (error) {
    throw new PlatformError(`Shopify ${shop}: the token endpoint is unreachable`, 0, undefined, {
      cause: error,
      retryable: true,
    });
  }
  const text = await response.text();
  let answer: Partial<AccessTokenAnswer> & { error?: string; error_description?: string; errors?: unknown } = {};
  try {
    answer = JSON.parse(text) as typeof answer;
  } catch {
    // A non-JSON refusal (an HTML error page) is reported by its status.
  }
  if (!response.ok || typeof answer.access_token !== 'string') {
    const reason =
      answer.error_description ??
      answer.error ??
      (typeof answer.errors === 'string' ? answer.errors : `HTTP ${response.status}`);
    throw new PlatformError(
      `Shopify ${shop}: no access token (${String(reason).slice(0, 200)})`,
      response.status,
      { error: answer.error ?? null },
      {
        retryable: response.status >= 500,
      },
    );
  }
  return {
    access_token: answer.access_token,
    scope: answer.scope ?? '',
    ...(answer.expires_in ? { expires_in: answer.expires_in } : {}),
  };
}
