import { describe, expect, it } from 'vitest';
import { bannerRow, capabilityLines, curlCommands, reachableUrl, shownPasswordLines } from '../index.js';

describe('banner lines', () => {
  it('reachableUrl: a wildcard listen address is reached through loopback', () => {
    expect(reachableUrl('http://0.0.0.0:8787/passerelle/v1', '0.0.0.0')).toBe('http://127.0.0.1:8787/passerelle/v1');
    expect(reachableUrl('http://[::]:8787/passerelle/v1', '::')).toBe('http://[::1]:8787/passerelle/v1');
    expect(reachableUrl('http://10.0.0.2:8787/passerelle/v1', '10.0.0.2')).toBe('http://10.0.0.2:8787/passerelle/v1');
  });

  it('bannerRow aligns values; capabilityLines lists what is on, none otherwise', () => {
    const [read, write, deletes] = capabilityLines({
      read: { products: true, orders: true, stock: false },
      write: { stock: false },
      deletes: [],
    } as unknown as Parameters<typeof capabilityLines>[0]);
    expect([bannerRow('Endpoint', 'http://x'), bannerRow('Capabilities', read), bannerRow('', write)]).toEqual([
      '  Endpoint      http://x',
      '  Capabilities  read    products, orders',
      '                write   none',
    ]);
    expect(deletes).toBe('deletes none');
  });

  it('the generated password is shown once; the curl calls use it, or $PASSERELLE_PASSWORD', () => {
    expect(shownPasswordLines(null)).toEqual([]);
    expect(shownPasswordLines('generated-secret-1234')).toEqual([
      '  Endpoint password (shown ONCE: copy it now, only its hash is stored):',
      '      generated-secret-1234',
    ]);
    expect(curlCommands('http://h/p/v1', ['/info', '/orders?limit=5'], null)).toEqual([
      'curl -s -H "Authorization: Bearer $PASSERELLE_PASSWORD" http://h/p/v1/info',
      'curl -s -H "Authorization: Bearer $PASSERELLE_PASSWORD" "http://h/p/v1/orders?limit=5"',
    ]);
    expect(curlCommands('http://h/p/v1', ['/info'], 'generated-secret-1234')).toEqual([
      'curl -s -H "Authorization: Bearer generated-secret-1234" http://h/p/v1/info',
    ]);
  });
});
