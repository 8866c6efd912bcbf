/** An RFC 9457 answer for the app's own routes (install, webhooks), in the endpoint's format. */
export function problem(
  status: number,
  title: string,
  detail?: string,
  headers: Record<string, string> = {},
): Response {
  return new Response(JSON.stringify({ type: 'about:blank', title, status, ...(detail ? { detail } : {}) }), {
    status,
    headers: { 'content-type': 'application/problem+json', ...headers },
  });
}
