/**
 * A minimal browser for admin-page tests over real HTTP: it keeps cookies, reads the CSRF token of
 * the last page, and posts forms the way a browser does (urlencoded, no redirect following, so tests
 * can look at each 303).
 */
export interface AdminResponse {
  status: number;
  headers: Headers;
  text: string;
  location: string | null;
}

export class AdminClient {
  readonly cookies = new Map<string, string>();
  /** Every Set-Cookie line received, for tests of the cookie attributes. */
  readonly setCookieLines: string[] = [];
  lastCsrf = '';

  constructor(
    /** e.g. `http://127.0.0.1:8787` */
    readonly origin: string,
    readonly adminPath = '/passerelle/admin',
    readonly extraHeaders: Record<string, string> = {},
  ) {}

  private cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  private async record(response: Response): Promise<AdminResponse> {
    for (const line of response.headers.getSetCookie()) {
      this.setCookieLines.push(line);
      const [pair = ''] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (/max-age=0/i.test(line) || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const text = await response.text();
    const csrf = /name="_csrf" value="([^"]*)"/.exec(text)?.[1];
    if (csrf !== undefined) this.lastCsrf = csrf;
    return { status: response.status, headers: response.headers, text, location: response.headers.get('location') };
  }

  url(path: string): string {
    return `${this.origin}${path.startsWith('/passerelle') ? '' : this.adminPath}${path}`;
  }

  async get(path: string, headers: Record<string, string> = {}): Promise<AdminResponse> {
    const response = await fetch(this.url(path), {
      redirect: 'manual',
      headers: { ...this.extraHeaders, cookie: this.cookieHeader(), ...headers },
    });
    return this.record(response);
  }

  /** Posts `fields`, adding the last page's CSRF token unless `csrf` is false or a string to send instead. */
  async post(
    path: string,
    fields: Record<string, string | string[]> | URLSearchParams,
    options: { csrf?: boolean | string; headers?: Record<string, string> } = {},
  ): Promise<AdminResponse> {
    const body = fields instanceof URLSearchParams ? new URLSearchParams(fields) : new URLSearchParams();
    if (!(fields instanceof URLSearchParams)) {
      for (const [name, value] of Object.entries(fields)) {
        for (const item of Array.isArray(value) ? value : [value]) body.append(name, item);
      }
    }
    const csrf = options.csrf ?? true;
    if (csrf !== false && !body.has('_csrf')) body.set('_csrf', typeof csrf === 'string' ? csrf : this.lastCsrf);
    const response = await fetch(this.url(path), {
      method: 'POST',
      redirect: 'manual',
      headers: {
        ...this.extraHeaders,
        cookie: this.cookieHeader(),
        'content-type': 'application/x-www-form-urlencoded',
        ...options.headers,
      },
      body: body.toString(),
    });
    return this.record(response);
  }

  /** Opens the sign-in page and signs in; returns the sign-in answer (303 on success). */
  async login(password: string, name = ''): Promise<AdminResponse> {
    await this.get('/login');
    return this.post('/login', { password, name });
  }
}

/** The form a browser would send for the settings page as it is: every control with its current value. */
export function formOf(pageHtml: string): URLSearchParams {
  const form = /<form method="post" action="[^"]*\/settings"[^>]*>([\s\S]*?)<\/form>/.exec(pageHtml)?.[1] ?? '';
  const params = new URLSearchParams();
  const decode = (text: string) =>
    text
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&');
  const attr = (tag: string, name: string) => {
    const match = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
    return match?.[1] === undefined ? null : decode(match[1]);
  };
  const controls = /<input\b[^>]*>|<textarea\b[^>]*>([\s\S]*?)<\/textarea>|<select\b[^>]*>([\s\S]*?)<\/select>/g;
  for (const match of form.matchAll(controls)) {
    const tag = match[0];
    const name = attr(tag, 'name');
    if (name === null) continue;
    if (tag.startsWith('<textarea')) params.append(name, decode(match[1] ?? ''));
    else if (tag.startsWith('<select')) {
      const selected =
        /<option value="([^"]*)" selected/.exec(match[2] ?? '') ?? /<option value="([^"]*)"/.exec(match[2] ?? '');
      params.append(name, decode(selected?.[1] ?? ''));
    } else {
      const type = attr(tag, 'type') ?? 'text';
      if ((type === 'checkbox' || type === 'radio') && !/\schecked\b/.test(tag)) continue;
      params.append(name, attr(tag, 'value') ?? '');
    }
  }
  return params;
}
