import type { Address } from '@passerelle/core';

/** One tax a shop charges on an amount; `fixedPerUnit` for a per-item levy such as the éco-participation. */
export interface TaxRule {
  name: string;
  rate: string;
}

/** The taxes and currency an order gets from where it ships and who buys (the shop's tax rules). */
export interface OrderTaxation {
  currency: 'EUR' | 'CHF';
  /** Taxes on a product line, by the product's French rate (`"20"`, `"5.5"`). */
  productTaxes(frenchRate: string): TaxRule[];
  shippingTaxes: TaxRule[];
  /** Whether the French éco-participation is charged (sales into France only). */
  ecoTax: boolean;
  /** B2C shops show prices incl. tax; B2B customers see and are invoiced excl. tax. */
  taxInclusive: boolean;
}

const EU_VAT_B2C: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  FR: { '20': '20', '5.5': '5.5' },
  BE: { '20': '21', '5.5': '6' },
};

/**
 * The demo shop's tax rules: French VAT at home and for EU consumers (one-stop-shop rates for
 * Belgium), reverse charge for EU businesses with a VAT number, Swiss VAT in CHF from the Geneva
 * warehouse, GST + QST for Québec, and no tax on exports to the United States.
 */
export function taxationFor(shipTo: Address, business: { vatNumber?: string | undefined }): OrderTaxation {
  const b2b = Boolean(business.vatNumber);
  switch (shipTo.country) {
    case 'CH':
      return {
        currency: 'CHF',
        productTaxes: (rate) => [
          rate === '5.5' ? { name: 'MWST CH 2.6%', rate: '2.6' } : { name: 'MWST CH 8.1%', rate: '8.1' },
        ],
        shippingTaxes: [{ name: 'MWST CH 8.1%', rate: '8.1' }],
        ecoTax: false,
        taxInclusive: !b2b,
      };
    case 'CA': {
      const quebec = shipTo.state === 'CA-QC';
      const taxes = [{ name: 'GST 5%', rate: '5' }, ...(quebec ? [{ name: 'QST 9.975%', rate: '9.975' }] : [])];
      return { currency: 'EUR', productTaxes: () => taxes, shippingTaxes: taxes, ecoTax: false, taxInclusive: false };
    }
    case 'US':
      return { currency: 'EUR', productTaxes: () => [], shippingTaxes: [], ecoTax: false, taxInclusive: false };
    default: {
      const home = shipTo.country === 'FR';
      if (!home && b2b) {
        const reverse = [{ name: 'VAT reverse charge (intra-EU)', rate: '0' }];
        return {
          currency: 'EUR',
          productTaxes: () => reverse,
          shippingTaxes: reverse,
          ecoTax: false,
          taxInclusive: false,
        };
      }
      const rates = EU_VAT_B2C[shipTo.country] ?? (EU_VAT_B2C.FR as Readonly<Record<string, string>>);
      const label = home ? 'TVA FR' : `VAT ${shipTo.country}`;
      const standard = rates['20'] ?? '20';
      return {
        currency: 'EUR',
        productTaxes: (rate) => {
          const local = rates[rate] ?? standard;
          return [{ name: `${label} ${local}%`, rate: local }];
        },
        shippingTaxes: [{ name: `${label} ${standard}%`, rate: standard }],
        ecoTax: home,
        taxInclusive: !b2b,
      };
    }
  }
}
