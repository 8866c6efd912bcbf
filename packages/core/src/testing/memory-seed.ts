import type { PlatformConfiguration } from '../adapter.js';
import type { Address, Category, Customer, Order, OrderLine, Product } from '../contracts/index.js';
import type { ConformanceFixtures } from './conformance.types.js';

/** What an in-memory shop starts with. Ids are the platform's: numeric strings, unique per entity. */
export interface MemorySeed {
  products?: Product[];
  categories?: Category[];
  customers?: Customer[];
  orders?: Order[];
  /** What `configuration()` answers: the lookups the cloud maps against. */
  configuration?: PlatformConfiguration;
}

const JANUARY = '2025-01-10T09:00:00.000Z';

const address: Address = {
  type: 'both',
  firstName: 'Alice',
  lastName: 'Martin',
  address1: '1 rue de la Paix',
  postcode: '75002',
  city: 'Paris',
  country: 'FR',
};

function line(overrides: Partial<OrderLine> & Pick<OrderLine, 'id' | 'productId' | 'reference' | 'name'>): OrderLine {
  return {
    variantId: null,
    quantity: 1,
    unitPriceExcl: '10.00',
    unitPriceIncl: '12.00',
    taxLines: [{ name: 'TVA 20%', rate: '20', amount: '2.00' }],
    discounts: [],
    totalExcl: '10.00',
    totalIncl: '12.00',
    ...overrides,
  };
}

/** An order paid by card with one 10 € line and no shipping: every seeded order starts from it. */
function order(overrides: Partial<Order> & Pick<Order, 'id' | 'reference' | 'createdAt'>): Order {
  const status = overrides.status ?? { status: 'paid', rawStatus: 'paid' };
  return {
    updatedAt: overrides.createdAt,
    statusHistory: [{ ...status, at: overrides.createdAt }],
    status,
    customer: {
      id: '1',
      reference: 'C0001',
      email: 'alice@example.com',
      firstName: 'Alice',
      lastName: 'Martin',
      isGuest: false,
    },
    guest: false,
    billingAddress: address,
    shippingDestinations: [{ address }],
    lines: [line({ id: `${overrides.id}-1`, productId: '4', reference: 'MUG', name: 'Mug' })],
    shipping: [],
    wrapping: null,
    discounts: [],
    totals: {
      productsExcl: '10.00',
      productsIncl: '12.00',
      shippingExcl: '0.00',
      shippingIncl: '0.00',
      discountsExcl: '0.00',
      discountsIncl: '0.00',
      wrappingExcl: '0.00',
      wrappingIncl: '0.00',
      taxTotal: '2.00',
      totalExcl: '10.00',
      totalIncl: '12.00',
      paid: '12.00',
    },
    taxInclusive: false,
    currency: 'EUR',
    conversionRate: '1',
    roundingDelta: '0.00',
    paymentMethod: { module: 'card', name: 'Credit card' },
    payments: [],
    messages: [],
    invoiceNumber: null,
    documentNumber: null,
    ...overrides,
  };
}

function product(id: string, reference: string, name: string, price: string, quantity: number): Product {
  return {
    id,
    reference,
    name: { en: name },
    price,
    currency: 'EUR',
    quantity,
    tracksStock: true,
    active: true,
    sourceUpdatedAt: JANUARY,
  };
}

const configuration: PlatformConfiguration = {
  orderStates: ['pending', 'paid', 'processing', 'shipped', 'delivered', 'completed', 'cancelled'].map((state) => ({
    id: state,
    name: state,
    status: state,
  })),
  paymentModules: [{ module: 'card', name: 'Credit card', currencies: ['EUR', 'CAD'] }],
  currencies: {
    default: 'EUR',
    items: [
      { code: 'EUR', name: 'Euro' },
      { code: 'CAD', conversionRate: '1.47' },
    ],
  },
  taxes: [{ id: '1', name: 'TVA 20%', rate: '20', country: 'FR' }],
  countries: [
    { code: 'FR', name: 'France' },
    { code: 'CA', name: 'Canada', states: [{ code: 'CA-QC', name: 'Québec' }] },
  ],
  languages: [{ code: 'en', name: 'English', default: true }],
  shops: [{ id: '1', name: 'In-memory demo shop' }],
};

/** A small shop: five products (one with two variants), three categories, two customers, four orders. */
export function demoSeed(): MemorySeed {
  const tshirt: Product = {
    ...product('1', 'TSHIRT', 'T-shirt', '15.00', 0),
    variants: [
      {
        id: '2',
        productId: '1',
        reference: 'TSHIRT-S',
        options: [{ name: 'Size', value: 'S' }],
        price: '15.00',
        quantity: 5,
      },
      {
        id: '3',
        productId: '1',
        reference: 'TSHIRT-M',
        options: [{ name: 'Size', value: 'M' }],
        price: '16.00',
        quantity: 2,
      },
    ],
  };
  const mug: Product = {
    ...product('4', 'MUG', 'Mug', '10.00', 12),
    description: { en: 'A stoneware mug.' },
    weight: { value: '0.35', unit: 'kg' },
    manufacturer: 'Faïencerie',
    defaultCategory: 'Home',
  };
  return {
    configuration: structuredClone(configuration),
    products: [
      tshirt,
      mug,
      product('5', 'POSTER', 'Poster', '4.50', 30),
      product('6', 'CAP', 'Cap', '11.00', 7),
      product('7', 'BAG', 'Bag', '19.90', 3),
    ],
    categories: [
      { id: '1', reference: 'CLOTHING', name: { en: 'Clothing' }, parent: null, sourceUpdatedAt: JANUARY },
      { id: '2', reference: 'HOME', name: { en: 'Home' }, parent: null, sourceUpdatedAt: JANUARY },
      { id: '3', reference: 'POSTERS', name: { en: 'Posters' }, parent: { id: '2' }, sourceUpdatedAt: JANUARY },
    ],
    customers: [
      {
        id: '1',
        reference: 'C0001',
        email: 'alice@example.com',
        firstName: 'Alice',
        lastName: 'Martin',
        hasOrders: true,
        sourceUpdatedAt: JANUARY,
      },
      {
        id: '2',
        reference: 'C0002',
        email: 'bob@example.com',
        firstName: 'Bob',
        lastName: 'Durand',
        hasOrders: false,
        sourceUpdatedAt: JANUARY,
      },
    ],
    orders: [
      order({
        id: '1001',
        reference: 'ORD-1001',
        createdAt: '2025-02-01T10:00:00.000Z',
        lines: [line({ id: '1001-1', productId: '1', variantId: '3', reference: 'TSHIRT-M', name: 'T-shirt (M)' })],
      }),
      order({
        id: '1002',
        reference: 'ORD-1002',
        createdAt: '2025-02-02T10:00:00.000Z',
        status: { status: 'processing', rawStatus: 'processing' },
        guest: true,
        customer: { email: 'guest@example.com', firstName: 'Gaston', lastName: 'Invité', isGuest: true },
      }),
      // Québec: GST and QST on one line; the shop rounded the total, not the lines (15.53 vs 15.52).
      order({
        id: '1003',
        reference: 'ORD-1003',
        createdAt: '2025-02-03T10:00:00.000Z',
        status: { status: 'completed', rawStatus: 'completed' },
        currency: 'CAD',
        conversionRate: '0.68',
        lines: [
          line({
            id: '1003-1',
            productId: '5',
            reference: 'POSTER',
            name: 'Poster',
            quantity: 3,
            unitPriceExcl: '4.50',
            unitPriceIncl: '5.17',
            taxLines: [
              { name: 'GST', rate: '5', amount: '0.68' },
              { name: 'QST', rate: '9.975', amount: '1.35' },
            ],
            totalExcl: '13.50',
            totalIncl: '15.53',
          }),
        ],
        totals: {
          productsExcl: '13.50',
          productsIncl: '15.52',
          shippingExcl: '0.00',
          shippingIncl: '0.00',
          discountsExcl: '0.00',
          discountsIncl: '0.00',
          wrappingExcl: '0.00',
          wrappingIncl: '0.00',
          taxTotal: '2.02',
          totalExcl: '13.50',
          totalIncl: '15.52',
          paid: '15.52',
        },
        roundingDelta: '-0.01',
      }),
      order({
        id: '1004',
        reference: 'ORD-1004',
        createdAt: '2025-02-04T10:00:00.000Z',
        status: { status: 'pending', rawStatus: 'pending' },
      }),
    ],
  };
}

/** Where the conformance suites find things in `demoSeed()`. */
export const demoFixtures: ConformanceFixtures = {
  simpleProduct: 'MUG',
  productWithVariants: 'TSHIRT',
  guestOrderId: '1002',
  multiTaxOrderId: '1003',
  statusOrderId: '1001',
  unknownReference: 'NO-SUCH-SKU',
};
