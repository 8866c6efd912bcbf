import type { Address, Customer, Order, OrderMessage, Product } from '@passerelle/core';
import { buildOrder, type Sellable, sellablesOf } from '../sales/order-builder.js';
import { taxationFor } from '../sales/order-pricing.js';
import { findState, type OrderState, PAYMENT_MODULES } from '../shop-configuration.js';
import { ecoTaxOf } from './catalog-data.js';
import { GROUP_SEEDS } from './people-data.js';
import type { Prng } from './prng.js';

type Module = (typeof PAYMENT_MODULES)[number]['module'];

interface OrderSpec {
  customer:
    | number
    | {
        guest: true;
        firstName: string;
        lastName: string;
        email: string;
        address: Omit<Address, 'firstName' | 'lastName'>;
      };
  /** The order's current state; the path to it is the shop's usual one. */
  state: string;
  lines: readonly (readonly [string, number])[];
  carrier: string;
  /** How long before the seed's "now" the order was placed. */
  hoursAgo: number;
  payment: Module;
  discount?: { name: string; code?: string; percent?: string; amountIncl?: string };
  wrapping?: string;
  /** Line indexes per destination: the order ships to the customer's addresses in this order. */
  split?: readonly (readonly number[])[];
  rounding?: 'total';
  messages?: readonly (readonly [OrderMessage['author'], boolean, string])[];
  refund?: 'all' | 'first-line';
}

const D = 24;

/** 34 orders across every state of the shop, with the cases an ERP import must handle. */
const ORDER_SPECS: readonly OrderSpec[] = [
  {
    customer: 1,
    state: 'completed',
    lines: [
      ['TSH-ORGANIC-BLK-M', 2],
      ['MUG-STONE-350', 1],
    ],
    carrier: '2',
    hoursAgo: 58 * D,
    payment: 'stripe_official',
  },
  {
    customer: 2,
    state: 'delivered',
    lines: [['KNT-MERINO-NVY-L', 1]],
    carrier: '2',
    hoursAgo: 55 * D,
    payment: 'paypal',
  },
  {
    customer: 17,
    state: 'completed',
    lines: [
      ['MUG-STONE-350', 24],
      ['MUG-ESPRESSO-2', 12],
      ['COF-COLOMBIA-250', 20],
    ],
    carrier: '3',
    hoursAgo: 52 * D,
    payment: 'ps_wirepayment',
    messages: [['customer', false, 'Merci de livrer avant 10h, le café ouvre à 11h.']],
  },
  {
    customer: 12,
    state: 'delivered',
    lines: [
      ['KNT-MERINO-SGE-M', 1],
      ['PST-LEMAN-5070', 1],
    ],
    carrier: '4',
    hoursAgo: 50 * D,
    payment: 'stripe_official',
  },
  {
    customer: 3,
    state: 'refunded',
    lines: [['DRS-LINEN-TRC-S', 1]],
    carrier: '2',
    hoursAgo: 48 * D,
    payment: 'stripe_official',
    refund: 'all',
    messages: [
      ['customer', false, 'La robe est trop petite, puis-je la retourner ?'],
      ['employee', false, 'Bien sûr, nous vous remboursons dès réception.'],
      ['employee', true, 'Retour reçu, article revendable.'],
    ],
  },
  {
    customer: 19,
    state: 'completed',
    lines: [
      ['CDL-FIG-180', 10],
      ['CDL-CEDAR-180', 10],
      ['DEC-LAMP-CERAMIC', 4],
      ['DEC-VASE', 6],
    ],
    carrier: '2',
    hoursAgo: 45 * D,
    payment: 'ps_wirepayment',
    split: [
      [0, 1],
      [2, 3],
    ],
    messages: [['employee', true, 'Two parcels: candles to the hotel, lamps and vases to the chalet.']],
  },
  {
    customer: {
      guest: true,
      firstName: 'Thomas',
      lastName: 'Girard',
      email: 'thomas.girard@example.org',
      address: {
        type: 'both',
        address1: '7 rue du Port',
        postcode: '56000',
        city: 'Vannes',
        country: 'FR',
        phone: '+33 6 11 22 33 44',
      },
    },
    state: 'delivered',
    lines: [
      ['BAG-TOTE-MST', 1],
      ['NTB-DOTTED-SGE', 2],
    ],
    carrier: '2',
    hoursAgo: 42 * D,
    payment: 'paypal',
  },
  {
    customer: 22,
    state: 'shipped',
    lines: [
      ['TOP-MARINIERE-M', 1],
      ['ACC-SOCKS-3', 1],
      ['CDL-TAPER-4', 1],
    ],
    carrier: '5',
    hoursAgo: 40 * D,
    payment: 'stripe_official',
    rounding: 'total',
  },
  {
    customer: 5,
    state: 'partial_refund',
    lines: [
      ['DEC-STRING-LIGHTS', 2],
      ['CDL-LAVENDER-180', 1],
      ['PST-FERNS-A3', 1],
    ],
    carrier: '2',
    hoursAgo: 38 * D,
    payment: 'stripe_official',
    refund: 'first-line',
    messages: [['customer', false, 'One of the string lights does not work.']],
  },
  {
    customer: 4,
    state: 'canceled',
    lines: [['BAG-WEEKEND', 1]],
    carrier: '2',
    hoursAgo: 36 * D,
    payment: 'ps_wirepayment',
  },
  {
    customer: 6,
    state: 'payment_error',
    lines: [['ACC-BELT', 1]],
    carrier: '2',
    hoursAgo: 34 * D,
    payment: 'stripe_official',
  },
  {
    customer: 1,
    state: 'completed',
    lines: [
      ['ACC-SCARF', 1],
      ['CDL-FIG-180', 1],
    ],
    carrier: '2',
    hoursAgo: 30 * D,
    payment: 'stripe_official',
    wrapping: '4.90',
    discount: { name: 'VIP -10%', code: 'VIP10', percent: '10' },
    messages: [['customer', false, "C'est un cadeau pour ma sœur : pouvez-vous retirer le prix ?"]],
  },
  {
    customer: 21,
    state: 'delivered',
    lines: [
      ['PST-PARIS-5070', 10],
      ['PST-MONTBLANC-3040', 10],
      ['NTB-LINED-A5', 20],
    ],
    carrier: '5',
    hoursAgo: 28 * D,
    payment: 'ps_wirepayment',
  },
  {
    customer: 7,
    state: 'delivered',
    lines: [
      ['ACC-SOCKS-3', 1],
      ['PST-FERNS-A3', 1],
      ['CDL-TAPER-4', 1],
      ['MUG-ESPRESSO-2', 1],
      ['TEA-SENCHA-100', 1],
    ],
    carrier: '2',
    hoursAgo: 26 * D,
    payment: 'stripe_official',
    rounding: 'total',
  },
  { customer: 15, state: 'completed', lines: [['BAG-WEEKEND', 1]], carrier: '4', hoursAgo: 24 * D, payment: 'twint' },
  {
    customer: 8,
    state: 'on_backorder',
    lines: [['TSH-ORGANIC-BLK-XL', 1]],
    carrier: '2',
    hoursAgo: 22 * D,
    payment: 'stripe_official',
    messages: [['employee', false, 'Size XL is back in stock in about two weeks; we will ship it then.']],
  },
  {
    customer: 18,
    state: 'shipped',
    lines: [
      ['TSH-ORGANIC-WHT-S', 10],
      ['TSH-ORGANIC-WHT-M', 10],
      ['BAG-TOTE-BLK', 15],
      ['NTB-DOTTED-BLK', 20],
    ],
    carrier: '4',
    hoursAgo: 20 * D,
    payment: 'ps_wirepayment',
  },
  {
    customer: 9,
    state: 'delivered',
    lines: [
      ['DRS-WRAP-S', 1],
      ['TOP-SILK-WHT-S', 1],
    ],
    carrier: '2',
    hoursAgo: 18 * D,
    payment: 'stripe_official',
    discount: { name: 'Spring voucher', code: 'SPRING5', amountIncl: '5.00' },
  },
  {
    customer: 13,
    state: 'canceled',
    lines: [['BAG-BACKPACK', 1]],
    carrier: '4',
    hoursAgo: 14 * D,
    payment: 'ps_wirepayment',
  },
  {
    customer: 23,
    state: 'shipped',
    lines: [
      ['PST-PARIS-5070', 2],
      ['STA-FOUNTAIN-PEN', 1],
    ],
    carrier: '5',
    hoursAgo: 16 * D,
    payment: 'paypal',
  },
  {
    customer: 2,
    state: 'preparation',
    lines: [
      ['KIT-FRENCHPRESS', 1],
      ['COF-ETHIOPIA-250', 2],
    ],
    carrier: '2',
    hoursAgo: 12 * D,
    payment: 'stripe_official',
  },
  {
    customer: 1,
    state: 'ready_for_pickup',
    lines: [['GFT-COFFEE-BOX', 1]],
    carrier: '1',
    hoursAgo: 10 * D,
    payment: 'stripe_official',
  },
  {
    customer: 14,
    state: 'payment_accepted',
    lines: [
      ['NTB-SKETCH-A4', 2],
      ['STA-FOUNTAIN-PEN', 1],
    ],
    carrier: '4',
    hoursAgo: 8 * D,
    payment: 'stripe_official',
  },
  {
    customer: 3,
    state: 'payment_accepted',
    lines: [
      ['TSH-GRAPHIC-NVY-M', 1],
      ['TSH-GRAPHIC-WHT-L', 1],
    ],
    carrier: '2',
    hoursAgo: 6 * D,
    payment: 'paypal',
  },
  {
    customer: 17,
    state: 'payment_accepted',
    lines: [
      ['COF-DECAF-500', 10],
      ['TEA-CHAI-80', 10],
      ['KIT-TOWEL', 6],
    ],
    carrier: '3',
    hoursAgo: 5 * D,
    payment: 'ps_wirepayment',
  },
  {
    customer: 4,
    state: 'shipped',
    lines: [
      ['ACC-BEANIE', 1],
      ['ACC-SOCKS-3', 2],
    ],
    carrier: '2',
    hoursAgo: 4 * D,
    payment: 'stripe_official',
  },
  {
    customer: 6,
    state: 'awaiting_bank_wire',
    lines: [['KNT-CARDIGAN-L', 1]],
    carrier: '2',
    hoursAgo: 3 * D,
    payment: 'ps_wirepayment',
  },
  {
    customer: 8,
    state: 'awaiting_check',
    lines: [
      ['PST-BICYCLE-A3', 1],
      ['PST-MARSEILLE-3040', 1],
    ],
    carrier: '2',
    hoursAgo: 3 * D - 5,
    payment: 'ps_checkpayment',
  },
  {
    customer: 9,
    state: 'new',
    lines: [
      ['CDL-TAPER-4', 2],
      ['CDL-HOLDER', 1],
    ],
    carrier: '2',
    hoursAgo: 2 * D,
    payment: 'stripe_official',
  },
  {
    customer: 12,
    state: 'payment_error',
    lines: [['ACC-BEANIE', 1]],
    carrier: '4',
    hoursAgo: 2 * D - 3,
    payment: 'twint',
  },
  {
    customer: 19,
    state: 'preparation',
    lines: [
      ['MUG-LATTE-BOWL', 24],
      ['MUG-TEAPOT-1L', 6],
    ],
    carrier: '2',
    hoursAgo: 36,
    payment: 'ps_wirepayment',
    messages: [['employee', true, 'Deliver before the season opening on the 15th.']],
  },
  {
    customer: 7,
    state: 'payment_accepted',
    lines: [
      ['DRS-LINEN-SGE-M', 1],
      ['BAG-POUCH', 1],
    ],
    carrier: '2',
    hoursAgo: 20,
    payment: 'stripe_official',
    discount: { name: 'Summer sale -10%', code: 'SUMMER10', percent: '10' },
  },
  {
    customer: {
      guest: true,
      firstName: 'Nathalie',
      lastName: 'Bonnet',
      email: 'nathalie.bonnet@example.org',
      address: {
        type: 'both',
        address1: '15 avenue Foch',
        postcode: '54000',
        city: 'Nancy',
        country: 'FR',
        phone: '+33 6 55 44 33 22',
      },
    },
    state: 'new',
    lines: [['KIT-TOWEL', 2]],
    carrier: '2',
    hoursAgo: 11,
    payment: 'paypal',
  },
  {
    customer: 22,
    state: 'on_backorder',
    lines: [['KNT-CARDIGAN-M', 1]],
    carrier: '5',
    hoursAgo: 7,
    payment: 'stripe_official',
  },
];

/** Carrier price lists, incl. tax, in the currency of the market they serve. */
const SHIPPING_PRICES: Readonly<Record<string, string>> = {
  '1': '0.00',
  '2': '6.90',
  '3': '12.90',
  '4': '9.00',
  '5': '29.00',
};
const B2B_FREIGHT = '15.00';

const PAY_STEP_HOURS: Readonly<Record<string, number>> = { ps_wirepayment: 40, ps_checkpayment: 70 };

/** The shop's usual way to a state: how an order of that state got there. */
function pathTo(state: string, module: string): string[] {
  const offline = module === 'ps_wirepayment' || module === 'ps_checkpayment';
  const pay = offline
    ? [module === 'ps_checkpayment' ? 'awaiting_check' : 'awaiting_bank_wire', 'payment_accepted']
    : ['payment_accepted'];
  switch (state) {
    case 'new':
    case 'awaiting_bank_wire':
    case 'awaiting_check':
    case 'payment_error':
      return [state];
    case 'canceled':
      return ['awaiting_bank_wire', 'canceled'];
    case 'payment_accepted':
      return pay;
    case 'on_backorder':
      return [...pay, 'on_backorder'];
    case 'preparation':
      return [...pay, 'preparation'];
    case 'ready_for_pickup':
      return [...pay, 'preparation', 'ready_for_pickup'];
    case 'refunded':
      return [...pay, 'preparation', 'refunded'];
    case 'shipped':
      return [...pay, 'preparation', 'shipped'];
    case 'delivered':
      return [...pay, 'preparation', 'shipped', 'delivered'];
    case 'completed':
      return [...pay, 'preparation', 'shipped', 'delivered', 'completed'];
    case 'partial_refund':
      return [...pay, 'preparation', 'shipped', 'delivered', 'partial_refund'];
    default:
      throw new Error(`no path to state ${state}`);
  }
}

const STEP_HOURS: Readonly<Record<string, number>> = {
  preparation: 6,
  ready_for_pickup: 20,
  shipped: 22,
  delivered: 50,
  completed: 14 * 24,
  refunded: 60,
  partial_refund: 72,
  on_backorder: 3,
  canceled: 7 * 24,
};

function trackingNumber(carrier: string, prng: Prng): string {
  switch (carrier) {
    case '2':
      return `6A${prng.chars(11, '0123456789')}`;
    case '3':
      return `XY${prng.chars(9, '0123456789')}FR`;
    case '4':
      return `99.00.${prng.chars(6, '0123456789')}.${prng.chars(8, '0123456789')}`;
    default:
      return prng.chars(10, '0123456789');
  }
}

export interface OrderSeedContext {
  products: Product[];
  customers: Customer[];
  anchorIso: string;
}

/** Builds the seeded orders (ids 1..n in placement order) from the catalog and the customers. */
export function buildOrders(prng: Prng, context: OrderSeedContext): Order[] {
  const anchor = Date.parse(context.anchorIso);
  const sellables = new Map<string, Sellable>();
  for (const product of context.products) {
    for (const item of sellablesOf(product)) {
      if (item.reference) sellables.set(item.reference, { ...item, ecoTax: ecoTaxOf(product.reference ?? null) });
    }
  }
  const specs = [...ORDER_SPECS].sort((a, b) => b.hoursAgo - a.hoursAgo);
  let lineId = 1;
  let paymentId = 1;

  return specs.map((spec, index) => {
    const createdMs = anchor - spec.hoursAgo * 3_600_000 + prng.int(0, 3_599) * 1000;
    const createdAt = new Date(createdMs).toISOString();
    const module = PAYMENT_MODULES.find((candidate) => candidate.module === spec.payment);
    if (!module) throw new Error(`unknown payment module ${spec.payment}`);

    let customer: Order['customer'];
    let billing: Address;
    let shipTo: Address[];
    let groups: { reference: string; name: string; reduction: string | undefined }[] = [];
    let language: 'en' | 'fr' = 'fr';
    let vatNumber: string | undefined;
    if (typeof spec.customer === 'number') {
      const account = context.customers[spec.customer - 1];
      if (!account?.email || !account.addresses?.length)
        throw new Error(`seed customer ${spec.customer} is incomplete`);
      customer = {
        id: account.id,
        ...(account.reference ? { reference: account.reference } : {}),
        email: account.email,
        firstName: account.firstName ?? '',
        lastName: account.lastName ?? '',
        ...(account.company ? { company: account.company } : {}),
        isGuest: false,
      };
      const addresses = account.addresses;
      billing = addresses.find((address) => address.type !== 'shipping') ?? (addresses[0] as Address);
      const shipping = addresses.filter((address) => address.type !== 'billing');
      shipTo = spec.split ? shipping.slice(0, spec.split.length) : [shipping[0] ?? billing];
      groups = (account.groups ?? []).flatMap((reference) => {
        const group = GROUP_SEEDS.find((candidate) => candidate.reference === reference);
        return group
          ? [{ reference, name: group.name.en, reduction: 'reduction' in group ? group.reduction : undefined }]
          : [];
      });
      // VIP reductions are vouchers in this shop, not automatic: only B2B group reductions apply to lines.
      groups = groups.filter((group) => group.reference !== 'VIP');
      language = account.language === 'en' ? 'en' : 'fr';
      vatNumber = account.vatNumber;
    } else {
      const guest = spec.customer;
      customer = { email: guest.email, firstName: guest.firstName, lastName: guest.lastName, isGuest: true };
      billing = { ...guest.address, firstName: guest.firstName, lastName: guest.lastName };
      shipTo = [billing];
    }
    const taxation = taxationFor(shipTo[0] as Address, { vatNumber });

    const lines = spec.lines.map(([sku, quantity]) => {
      const item = sellables.get(sku);
      if (!item) throw new Error(`seed order names unknown SKU ${sku}`);
      return { item, quantity };
    });

    const history: { state: OrderState; at: string }[] = [];
    let clock = createdMs;
    for (const [step, stateId] of pathTo(spec.state, spec.payment).entries()) {
      const state = findState(stateId);
      if (!state) throw new Error(`unknown state ${stateId}`);
      if (step > 0) {
        const hours =
          stateId === 'payment_accepted' ? (PAY_STEP_HOURS[spec.payment] ?? 0.05) : (STEP_HOURS[stateId] ?? 4);
        clock = Math.min(
          clock + hours * 3_600_000 + prng.int(0, 1_800) * 1000,
          anchor - (specs.length - index) * 60_000,
        );
      }
      history.push({ state, at: new Date(clock).toISOString() });
    }
    const shipped = history.some((entry) => entry.state.status === 'shipped');

    const b2b = Boolean(vatNumber);
    const order = buildOrder({
      id: index + 1,
      reference: prng.chars(9, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'),
      firstLineId: lineId,
      firstPaymentId: paymentId,
      customer,
      groups,
      language,
      billingAddress: billing,
      destinations: shipTo.map((address, destination) => ({
        address,
        carrierId: spec.carrier,
        shippingIncl: b2b && spec.carrier !== '1' ? B2B_FREIGHT : (SHIPPING_PRICES[spec.carrier] ?? '0.00'),
        ...(spec.split ? { lineIndexes: [...(spec.split[destination] ?? [])] } : {}),
      })),
      lines,
      taxation,
      rounding: spec.rounding ?? 'line',
      ...(spec.discount ? { discount: spec.discount } : {}),
      ...(spec.wrapping ? { wrappingIncl: spec.wrapping } : {}),
      payment: { module: module.module, name: module.name },
      history,
      messages: (spec.messages ?? []).map(([author, isPrivate, body], position) => ({
        author,
        private: isPrivate,
        body,
        at: new Date(createdMs + (position + 1) * 2 * 3_600_000).toISOString(),
      })),
      trackingNumbers: shipped ? shipTo.map(() => trackingNumber(spec.carrier, prng)) : [],
      ...(spec.refund ? { refund: spec.refund } : {}),
      createdAt,
    });
    lineId += order.lines.length;
    paymentId += order.payments.length;
    return order;
  });
}

/** Invoice numbers follow invoice dates, as a shop's numbering does. */
export function numberInvoices(orders: Order[]): void {
  const invoiced = orders
    .filter((order) => order.invoiceDate)
    .sort((a, b) => (a.invoiceDate ?? '').localeCompare(b.invoiceDate ?? ''));
  const counters = new Map<string, number>();
  for (const order of invoiced) {
    const year = (order.invoiceDate ?? '').slice(0, 4);
    const next = (counters.get(year) ?? 0) + 1;
    counters.set(year, next);
    order.invoiceNumber = `INV-${year}-${String(next).padStart(5, '0')}`;
  }
}
