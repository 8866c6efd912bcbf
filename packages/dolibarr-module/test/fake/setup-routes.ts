import { columnOf, listAnswer } from './context.js';
import type { Route } from './router.js';

export function setupRoutes(): Route[] {
  return [
    {
      method: 'GET',
      path: '/status',
      run: ({ context }) => ({
        success: {
          code: 200,
          dolibarr_version: context.options.version,
          access_locked: '0',
          environment: 'production',
        },
      }),
    },
    {
      method: 'GET',
      path: '/users/info',
      run: ({ context }) => ({
        id: '1',
        login: 'passerelle-api',
        admin: '0',
        entity: String(context.entity),
        email: 'api@erp.example',
      }),
    },
    {
      method: 'GET',
      path: '/setup/dictionary/countries',
      run: ({ context, query }) =>
        listAnswer(context, query, {
          rows: context.tables.countries,
          column: columnOf({
            't.rowid': (row: { id: number }) => row.id,
            't.code': (row: { code: string }) => row.code,
          }),
          serialize: (row) => ({
            id: String(row.id),
            code: row.code,
            code_iso: row.code_iso,
            label: row.label,
            active: '1',
          }),
          defaultSort: 't.rowid',
          emptyMessage: 'No country found',
        }),
    },
    {
      method: 'GET',
      path: '/setup/dictionary/payment_types',
      run: ({ context }) =>
        context.tables.paymentTypes.map((row) => ({
          id: String(row.id),
          code: row.code,
          label: row.label,
          type: '2',
          active: '1',
        })),
    },
    {
      method: 'GET',
      path: '/setup/dictionary/shipping_methods',
      run: ({ context }) =>
        context.tables.shippingMethods.map((row) => ({
          rowid: String(row.id),
          code: row.code,
          libelle: row.label,
          description: '',
          active: '1',
        })),
    },
    {
      method: 'GET',
      path: '/setup/dictionary/currencies',
      run: ({ context }) =>
        context.tables.currencies.map((row) => ({ code_iso: row.code, label: row.label, unicode: null, active: '1' })),
    },
    {
      method: 'GET',
      path: '/multicurrencies',
      run: ({ context }) =>
        context.tables.currencies.map((row, index) => ({
          id: String(index + 1),
          code: row.code,
          name: row.label,
          rate: { rate: row.rate },
        })),
    },
    {
      method: 'GET',
      path: '/bankaccounts',
      run: ({ context }) => {
        context.requireRight('banque.lire');
        return context.tables.bankAccounts.map((row) => ({
          id: String(row.id),
          ref: row.ref,
          label: row.label,
          currency_code: row.currency_code,
          clos: String(row.clos),
        }));
      },
    },
    {
      method: 'GET',
      path: '/setup/company',
      run: () => ({ name: 'Fake Dolibarr SARL', country_code: 'FR', email: 'contact@erp.example' }),
    },
  ];
}
