import type {
  LineItemNode,
  MailingAddressNode,
  ShippingLineNode,
  TaxLineNode,
} from '../../src/graphql/shopify.types.js';
import type { FakeCustomer, FakeOrder, FakeProduct, FakeShopState } from './state.js';
import { levelKey, money } from './state.js';

/**
 * The demo shop: values from Shopify's canonical test shop (shopify-app-js REST fixtures, reshaped by
 * platform-apis.md §3.6), plus the cases the conformance suite needs: a product with variants, a guest
 * order, a Quebec order with GST + QST whose total Shopify rounded at the order level.
 */
export interface SeedTools {
  newId(type: string): string;
  /** ISO instant `minutesAgo` before now. */
  ago(minutesAgo: number): string;
}

interface ProductSeed {
  title: string;
  handle: string;
  vendor: string;
  productType: string;
  description: string;
  reference?: string;
  image?: string;
  options?: string;
  variants: { sku: string; option?: string; price: string; barcode?: string; stock: number[]; grams?: number }[];
}

const PRODUCTS: ProductSeed[] = [
  {
    title: 'IPod Nano - 8GB',
    handle: 'ipod-nano',
    vendor: 'Apple',
    productType: 'Cult Products',
    description: "<p>It's the small iPod with one very big idea: Video.</p>",
    image: 'https://cdn.shopify.com/s/files/1/ipod-nano.png',
    options: 'Color',
    variants: [
      { sku: 'IPOD2008PINK', option: 'Pink', price: '199.00', barcode: '1234_pink', stock: [10, 2], grams: 200 },
      { sku: 'IPOD2008RED', option: 'Red', price: '199.00', barcode: '1234_red', stock: [20, 0], grams: 200 },
      { sku: 'IPOD2008GREEN', option: 'Green', price: '199.00', barcode: '1234_green', stock: [30, 5], grams: 200 },
    ],
  },
  {
    title: 'IPod Touch 8GB',
    handle: 'ipod-touch',
    vendor: 'Apple',
    productType: 'Cult Products',
    description: "<p>The iPod Touch has the iPhone's multi-touch interface.</p>",
    variants: [{ sku: 'IPOD2009BLACK', price: '199.00', barcode: '1234_black', stock: [13, 0], grams: 150 }],
  },
  {
    title: 'Shopify for dummies',
    handle: 'shopify-for-dummies',
    vendor: 'Wiley',
    productType: 'Books',
    description: '<p>Everything about running a shop.</p>',
    variants: [{ sku: 'BOOK-SHOPIFY', price: '19.99', stock: [40, 3] }],
  },
  {
    title: 'Blue mug',
    handle: 'mug-blue',
    vendor: 'Passerelle',
    productType: 'Kitchen',
    description: '',
    reference: 'MUG-BLUE',
    variants: [{ sku: 'MUG-BLUE', price: '12.50', barcode: '3760000000017', stock: [25, 4], grams: 350 }],
  },
  {
    title: 'White tee',
    handle: 'tee-white',
    vendor: 'Passerelle',
    productType: 'Apparel',
    description: '<p>Organic cotton.</p>',
    variants: [{ sku: 'TEE-WHITE', price: '10.00', stock: [7, 1], grams: 180 }],
  },
];

export function seedLocations(shop: FakeShopState, tools: SeedTools): void {
  shop.locations.push({ id: tools.newId('Location'), name: 'Main warehouse', isActive: true });
  shop.locations.push({ id: tools.newId('Location'), name: 'Paris store', isActive: true });
}

/** Adds one product with its variants, inventory items and levels; returns it. */
export function addProduct(shop: FakeShopState, tools: SeedTools, seed: ProductSeed, at: string): FakeProduct {
  const product: FakeProduct = {
    id: tools.newId('Product'),
    handle: seed.handle,
    title: seed.title,
    descriptionHtml: seed.description,
    vendor: seed.vendor,
    productType: seed.productType,
    status: 'ACTIVE',
    tags: [],
    createdAt: at,
    updatedAt: at,
    seo: { title: null, description: null },
    metafields: seed.reference
      ? [
          {
            id: tools.newId('Metafield'),
            namespace: 'passerelle',
            key: 'reference',
            type: 'single_line_text_field',
            value: seed.reference,
            updatedAt: at,
          },
        ]
      : [],
    media: seed.image ? [{ id: tools.newId('MediaImage'), url: seed.image, alt: null }] : [],
    options: [],
    variantIds: [],
  };
  const optionName = seed.options ?? 'Title';
  seed.variants.forEach((variantSeed, index) => {
    const variantId = tools.newId('ProductVariant');
    const itemId = tools.newId('InventoryItem');
    shop.variants.set(variantId, {
      id: variantId,
      productId: product.id,
      sku: variantSeed.sku,
      barcode: variantSeed.barcode ?? null,
      price: variantSeed.price,
      compareAtPrice: null,
      position: index + 1,
      selectedOptions: [{ name: optionName, value: variantSeed.option ?? 'Default Title' }],
      inventoryItemId: itemId,
      createdAt: at,
      updatedAt: at,
    });
    shop.inventoryItems.set(itemId, {
      id: itemId,
      variantId,
      tracked: true,
      weight: variantSeed.grams !== undefined ? { unit: 'GRAMS', value: variantSeed.grams } : null,
      updatedAt: at,
    });
    variantSeed.stock.forEach((quantity, locationIndex) => {
      const location = shop.locations[locationIndex];
      if (!location) return;
      shop.levels.set(levelKey(itemId, location.id), {
        id: `${tools.newId('InventoryLevel')}?inventory_item_id=${itemId.split('/').pop()}`,
        itemId,
        locationId: location.id,
        quantities: { available: quantity, on_hand: quantity, committed: 0 },
        updatedAt: at,
      });
    });
    product.variantIds.push(variantId);
  });
  product.options = [
    {
      id: `${product.id}/option/1`,
      name: optionName,
      values: seed.variants.map((variant) => variant.option ?? 'Default Title'),
    },
  ];
  shop.products.set(product.id, product);
  return product;
}

/** Many simple products (`SKU-00001`…), for the benchmark; one level each at the first location. */
export function addManyProducts(shop: FakeShopState, tools: SeedTools, count: number): void {
  const at = tools.ago(60);
  for (let index = 1; index <= count; index++) {
    const sku = `SKU-${String(index).padStart(5, '0')}`;
    addProduct(
      shop,
      tools,
      {
        title: `Product ${index}`,
        handle: sku.toLowerCase(),
        vendor: 'Bench',
        productType: 'Bench',
        description: '',
        variants: [{ sku, price: '9.99', stock: [index % 50] }],
      },
      at,
    );
  }
}

function address(tools: SeedTools, fields: Omit<MailingAddressNode, 'id'>): MailingAddressNode {
  return { id: `${tools.newId('MailingAddress')}?model_name=CustomerAddress`, ...fields };
}

function customer(
  tools: SeedTools,
  fields: Partial<FakeCustomer> & Pick<FakeCustomer, 'firstName' | 'lastName'>,
  at: string,
): FakeCustomer {
  const addresses = fields.addresses ?? [];
  return {
    id: tools.newId('Customer'),
    email: null,
    marketingState: 'NOT_SUBSCRIBED',
    phone: null,
    note: null,
    tags: [],
    locale: 'en',
    state: 'ENABLED',
    createdAt: at,
    updatedAt: at,
    numberOfOrders: 0,
    defaultAddressId: addresses[0]?.id ?? null,
    metafields: [],
    ...fields,
    addresses,
  };
}

function tax(title: string, rate: number, amount: string, currency: string): TaxLineNode {
  return { title, rate, priceSet: money(amount, currency) };
}

function line(
  tools: SeedTools,
  shop: FakeShopState,
  sku: string,
  quantity: number,
  unit: string,
  taxes: TaxLineNode[],
  discount?: { code: string; amount: string },
): LineItemNode {
  const variant = [...shop.variants.values()].find((entry) => entry.sku === sku);
  const product = variant ? shop.products.get(variant.productId) : undefined;
  const title = product
    ? `${product.title}${variant && variant.selectedOptions[0]?.value !== 'Default Title' ? ` - ${variant.selectedOptions[0]?.value}` : ''}`
    : sku;
  return {
    id: tools.newId('LineItem'),
    name: title,
    sku,
    quantity,
    weight: { unit: 'GRAMS', value: 200 },
    originalUnitPriceSet: money(unit, shop.currency),
    discountAllocations: discount
      ? [
          {
            allocatedAmountSet: money(discount.amount, shop.currency),
            discountApplication: { __typename: 'DiscountCodeApplication', code: discount.code },
          },
        ]
      : [],
    taxLines: taxes,
    variant: variant ? { id: variant.id } : null,
    product: product ? { id: product.id } : null,
  };
}

function shipping(
  tools: SeedTools,
  title: string,
  amount: string,
  currency: string,
  taxes: TaxLineNode[] = [],
): ShippingLineNode {
  return {
    id: tools.newId('ShippingLine'),
    title,
    code: title,
    source: 'shopify',
    carrierIdentifier: null,
    originalPriceSet: money(amount, currency),
    discountedPriceSet: money(amount, currency),
    taxLines: taxes,
  };
}

interface OrderSeed {
  name: string;
  customer: FakeCustomer | null;
  email: string;
  minutesAgo: number;
  financial: string;
  lines: LineItemNode[];
  shippingLines: ShippingLineNode[];
  subtotal: string;
  tax: string;
  total: string;
  received: string;
  discounts?: string;
  address: MailingAddressNode;
  gateway: string;
  note?: string;
}

function order(shop: FakeShopState, tools: SeedTools, seed: OrderSeed): FakeOrder {
  const at = tools.ago(seed.minutesAgo);
  const currency = shop.currency;
  const { id: _id, ...address } = seed.address;
  return {
    id: tools.newId('Order'),
    name: seed.name,
    createdAt: at,
    updatedAt: at,
    processedAt: at,
    cancelledAt: null,
    closedAt: null,
    email: seed.email,
    phone: null,
    note: seed.note ?? null,
    taxesIncluded: false,
    currencyCode: currency,
    presentmentCurrencyCode: currency,
    customerLocale: 'en',
    displayFinancialStatus: seed.financial,
    displayFulfillmentStatus: 'UNFULFILLED',
    paymentGatewayNames: [seed.gateway],
    customerId: seed.customer?.id ?? null,
    billingAddress: { id: tools.newId('MailingAddress'), ...address },
    shippingAddress: { id: tools.newId('MailingAddress'), ...address },
    subtotalPriceSet: money(seed.subtotal, currency),
    totalShippingPriceSet: money(seed.shippingLines[0]?.discountedPriceSet.shopMoney.amount ?? '0.00', currency),
    totalTaxSet: money(seed.tax, currency),
    totalPriceSet: money(seed.total, currency),
    totalReceivedSet: money(seed.received, currency),
    totalDiscountsSet: money(seed.discounts ?? '0.00', currency),
    lineItems: seed.lines,
    shippingLines: seed.shippingLines,
    transactions: [
      {
        id: tools.newId('OrderTransaction'),
        kind: 'SALE',
        status: 'SUCCESS',
        gateway: seed.gateway,
        formattedGateway: seed.gateway === 'bogus' ? 'Bogus' : 'Shopify Payments',
        processedAt: at,
        amountSet: money(seed.received, currency),
      },
    ],
    fulfillments: [],
    refunds: [],
    fulfillmentOrders: [
      { id: tools.newId('FulfillmentOrder'), status: 'OPEN', lineItemIds: seed.lines.map((entry) => entry.id) },
    ],
    metafields: [],
    tags: [],
    cancelReason: null,
  };
}

export function seedDemo(shop: FakeShopState, tools: SeedTools): void {
  const at = tools.ago(24 * 60);
  for (const product of PRODUCTS) addProduct(shop, tools, product, at);

  const bob = customer(
    tools,
    {
      firstName: 'Bob',
      lastName: 'Norman',
      email: 'bob.norman@mail.example.com',
      marketingState: 'SUBSCRIBED',
      phone: '+16136120707',
      note: 'Prefers delivery before noon.',
      tags: ['Wholesale'],
      numberOfOrders: 1,
      addresses: [
        address(tools, {
          firstName: 'Bob',
          lastName: 'Norman',
          company: 'Norman Supplies',
          address1: 'Chestnut Street 92',
          address2: '',
          zip: '40202',
          city: 'Louisville',
          province: 'Kentucky',
          provinceCode: 'KY',
          countryCodeV2: 'US',
          phone: '+16136120707',
        }),
      ],
      metafields: [
        {
          id: tools.newId('Metafield'),
          namespace: 'passerelle',
          key: 'reference',
          type: 'single_line_text_field',
          value: 'CUST-BOB',
          updatedAt: at,
        },
      ],
    },
    at,
  );
  const jane = customer(
    tools,
    {
      firstName: 'Jane',
      lastName: 'Tremblay',
      email: 'jane.tremblay@example.ca',
      locale: 'fr-CA',
      numberOfOrders: 2,
      addresses: [
        address(tools, {
          firstName: 'Jane',
          lastName: 'Tremblay',
          company: null,
          address1: '1200 rue Sainte-Catherine',
          address2: null,
          zip: 'H3B 1K9',
          city: 'Montréal',
          province: 'Quebec',
          provinceCode: 'QC',
          countryCodeV2: 'CA',
          phone: null,
        }),
      ],
      metafields: [
        {
          id: tools.newId('Metafield'),
          namespace: 'passerelle',
          key: 'reference',
          type: 'single_line_text_field',
          value: 'CUST-JANE',
          updatedAt: at,
        },
      ],
    },
    at,
  );
  const tom = customer(tools, { firstName: 'Tom', lastName: 'Phone', phone: '+33612345678', locale: 'fr' }, at);
  for (const entry of [bob, jane, tom]) shop.customers.set(entry.id, entry);

  const usd = shop.currency;
  const bobAddress = bob.addresses[0] as MailingAddressNode;
  const janeAddress = jane.addresses[0] as MailingAddressNode;

  const first = order(shop, tools, {
    name: '#1001',
    customer: bob,
    email: bob.email as string,
    minutesAgo: 600,
    financial: 'PARTIALLY_REFUNDED',
    gateway: 'bogus',
    lines: [
      line(tools, shop, 'IPOD2008PINK', 1, '199.00', [tax('State Tax', 0.02, '3.98', usd)], {
        code: 'TENOFF',
        amount: '3.34',
      }),
      line(tools, shop, 'IPOD2008RED', 1, '199.00', [tax('State Tax', 0.02, '3.98', usd)], {
        code: 'TENOFF',
        amount: '3.33',
      }),
      line(tools, shop, 'IPOD2008GREEN', 1, '199.00', [tax('State Tax', 0.02, '3.98', usd)], {
        code: 'TENOFF',
        amount: '3.33',
      }),
    ],
    shippingLines: [shipping(tools, 'Free Shipping', '0.00', usd)],
    subtotal: '587.00',
    tax: '11.94',
    total: '598.94',
    received: '598.94',
    discounts: '10.00',
    address: bobAddress,
  });
  first.refunds.push({ id: tools.newId('Refund'), createdAt: tools.ago(500), totalRefundedSet: money('10.00', usd) });
  first.fulfillments.push({
    id: tools.newId('Fulfillment'),
    status: 'FAILURE',
    displayStatus: 'FAILURE',
    createdAt: tools.ago(550),
    updatedAt: tools.ago(550),
    trackingInfo: [
      {
        company: 'USPS',
        number: '1Z1234512345123456',
        url: 'https://tools.usps.com/go/TrackConfirmAction_input?qtc_tLabels1=1Z1234512345123456',
      },
    ],
  });
  const second = order(shop, tools, {
    name: '#1002',
    customer: jane,
    email: jane.email as string,
    minutesAgo: 300,
    financial: 'PAID',
    gateway: 'shopify_payments',
    lines: [line(tools, shop, 'MUG-BLUE', 2, '12.50', [tax('State Tax', 0.06, '1.50', usd)])],
    shippingLines: [shipping(tools, 'Standard', '5.00', usd)],
    subtotal: '25.00',
    tax: '1.50',
    total: '31.50',
    received: '31.50',
    address: janeAddress,
  });
  const guest = order(shop, tools, {
    name: '#1003',
    customer: null,
    email: 'guest.buyer@example.com',
    minutesAgo: 200,
    financial: 'PAID',
    gateway: 'shopify_payments',
    lines: [line(tools, shop, 'BOOK-SHOPIFY', 1, '19.99', [tax('State Tax', 0.06, '1.20', usd)])],
    shippingLines: [shipping(tools, 'Standard', '0.00', usd)],
    subtotal: '19.99',
    tax: '1.20',
    total: '21.19',
    received: '21.19',
    note: 'Gift wrap please',
    address: { ...bobAddress, firstName: 'Guest', lastName: 'Buyer', company: null },
  });
  // GST 5 % + QST 9.975 % on 10.00: each rounded on the line (0.50 + 1.00), the order's tax rounded as a whole.
  const quebec = order(shop, tools, {
    name: '#1004',
    customer: jane,
    email: jane.email as string,
    minutesAgo: 100,
    financial: 'PAID',
    gateway: 'shopify_payments',
    lines: [
      line(tools, shop, 'TEE-WHITE', 1, '10.00', [tax('GST', 0.05, '0.50', usd), tax('QST', 0.09975, '1.00', usd)]),
    ],
    shippingLines: [shipping(tools, 'Postes Canada', '0.00', usd)],
    subtotal: '10.00',
    tax: '1.49',
    total: '11.49',
    received: '11.49',
    address: janeAddress,
  });
  for (const entry of [first, second, guest, quebec]) shop.orders.set(entry.id, entry);
}
