import { roundDecimal } from '@passerelle/core';
import { applyMovement, childPrice, createProductRow } from './catalog-routes.js';
import { computeLine, documentTotals, type FakeContext } from './context.js';
import { createThirdpartyRow } from './party-routes.js';
import type { CombinationRow, DocumentLine, OrderRow, ProductRow } from './state.js';

/** Where the conformance suite finds what it needs in the seeded fake. */
export interface FakeFixtures {
  simpleProduct: string;
  productWithVariants: string;
  guestOrderId: string;
  multiTaxOrderId: string;
  stockReference: string;
  /** The thirdparty every guest order is booked to. */
  guestAccount: string;
}

/** What a merchant does in Dolibarr's own screens, behind the adapter's back. */
export interface FakeBackOffice {
  touchProduct(reference: string): Promise<void>;
  createProduct(reference: string): Promise<string>;
  placeOrder(): Promise<string>;
  /** Adds a simple product (an initial catalogue import), with physical stock in warehouse 1. */
  addProduct(input: { ref: string; label: string; price: string; tvaTx: string; stock?: number; type?: 0 | 1 }): number;
  /** Moves stock so the warehouse holds `quantity` (a stock correction). */
  setStock(reference: string, quantity: number, warehouseId?: number): void;
  /** Creates and validates a shipment of the whole order, with a tracking number. */
  ship(orderId: string, trackingNumber: string): string;
  /** Classifies the order delivered. */
  deliver(orderId: string): void;
  productByRef(reference: string): ProductRow | undefined;
}

function line(
  context: FakeContext,
  input: Partial<DocumentLine> & { fk_product: number | null; qty: string; subprice: string; tva_tx: string },
): DocumentLine {
  const product = input.fk_product === null ? null : context.tables.products.get(input.fk_product);
  const built: DocumentLine = {
    id: context.nextId('line'),
    label: null,
    desc: '',
    product_type: product?.type ?? 1,
    remise_percent: '0',
    localtax1_tx: '0',
    localtax2_tx: '0',
    multicurrency_subprice: null,
    rang: 1,
    special_code: 0,
    total_ht: '0',
    total_tva: '0',
    total_localtax1: '0',
    total_localtax2: '0',
    total_ttc: '0',
    multicurrency_total_ht: '0',
    multicurrency_total_tva: '0',
    multicurrency_total_ttc: '0',
    ...input,
  };
  computeLine(built, '1');
  return built;
}

export function seedFakeDolibarr(
  context: FakeContext,
  seed: boolean,
): { fixtures: FakeFixtures; backOffice: FakeBackOffice } {
  const { tables } = context;
  tables.warehouses.set(1, { id: 1, entity: 1, ref: 'WH-MAIN', statut: 1 });
  tables.warehouses.set(2, { id: 2, entity: 1, ref: 'WH-LYON', statut: 1 });
  tables.warehouses.set(3, { id: 3, entity: 1, ref: 'WH-ARCHIVE', statut: 0 });
  tables.warehouses.set(4, { id: 4, entity: 2, ref: 'WH-SISTER', statut: 1 });
  for (let i = 0; i < 4; i++) context.nextId('warehouse');

  const byRef = (reference: string) =>
    [...tables.products.values()].find((row) => row.ref === reference && row.entity === context.entity);

  const addProduct: FakeBackOffice['addProduct'] = (input) => {
    const row = createProductRow(context, {
      ref: input.ref,
      label: input.label,
      price: input.price,
      tva_tx: input.tvaTx,
      type: input.type ?? 0,
    });
    if (context.options.multiprices) row.multiprices = { '1': input.price, '2': tenPercentOff(input.price) };
    if (input.stock) applyMovement(context, row, 1, input.stock, 'Initial stock', null);
    return row.id;
  };

  const backOffice: FakeBackOffice = {
    async touchProduct(reference) {
      const row = byRef(reference);
      if (!row) throw new Error(`no product ${reference}`);
      const parent = [...tables.combinations.values()].find((combination) => combination.fk_product_child === row.id);
      const target = parent ? tables.products.get(parent.fk_product_parent) : row;
      if (target) target.tms = context.now();
    },
    async createProduct(reference) {
      return String(addProduct({ ref: reference, label: reference, price: '1.00', tvaTx: '20' }));
    },
    async placeOrder() {
      const mug = byRef('MUG-STONE');
      const customer = [...tables.thirdparties.values()][0];
      if (!mug || !customer) throw new Error('the fake is not seeded');
      return String(
        insertOrder(context, customer.id, 1, [
          line(context, { fk_product: mug.id, qty: '1', subprice: mug.price, tva_tx: mug.tva_tx }),
        ]).id,
      );
    },
    addProduct,
    setStock(reference, quantity, warehouseId = 1) {
      const row = byRef(reference);
      if (!row) throw new Error(`no product ${reference}`);
      const delta = quantity - (row.stock.get(warehouseId) ?? 0);
      if (delta !== 0) applyMovement(context, row, warehouseId, delta, 'Stock correction', null);
    },
    ship(orderId, trackingNumber) {
      const order = tables.orders.get(Number(orderId));
      if (!order) throw new Error(`no order ${orderId}`);
      const id = context.nextId('shipment');
      const now = context.now();
      tables.shipments.set(id, {
        id,
        entity: order.entity,
        ref: `SH${String(id).padStart(4, '0')}`,
        socid: order.socid,
        origin_id: order.id,
        status: 1,
        tracking_number: trackingNumber,
        shipping_method_id: order.shipping_method_id ?? 3,
        datec: now,
        date_valid: now,
        tms: now,
        lines: order.lines
          .filter((orderLine) => orderLine.product_type === 0)
          .map((orderLine) => ({
            id: context.nextId('shipment_line'),
            origin_line_id: orderLine.id,
            fk_product: orderLine.fk_product,
            qty: Number(orderLine.qty),
            entrepot_id: 1,
          })),
      });
      if (order.status === 1) order.status = 2;
      order.tms = context.now();
      return String(id);
    },
    deliver(orderId) {
      const order = tables.orders.get(Number(orderId));
      if (!order) throw new Error(`no order ${orderId}`);
      order.status = 3;
      order.tms = context.now();
    },
    productByRef: byRef,
  };

  const fixtures: FakeFixtures = {
    simpleProduct: 'MUG-STONE',
    productWithVariants: 'TSHIRT',
    guestOrderId: '2',
    multiTaxOrderId: '3',
    stockReference: 'MUG-STONE',
    guestAccount: 'GUEST',
  };
  if (!seed) return { fixtures, backOffice };

  const size = { id: 1, ref: 'SIZE', label: 'Size', position: 0 };
  tables.attributes.set(1, size);
  tables.attributes.set(2, { id: 2, ref: 'COLOR', label: 'Color', position: 1 });
  context.nextId('attribute');
  context.nextId('attribute');
  const values = [
    { id: 1, fk_product_attribute: 1, ref: 'S', value: 'S' },
    { id: 2, fk_product_attribute: 1, ref: 'M', value: 'M' },
    { id: 3, fk_product_attribute: 1, ref: 'L', value: 'L' },
    { id: 4, fk_product_attribute: 2, ref: 'WHITE', value: 'White' },
  ];
  for (const value of values) {
    tables.attributeValues.set(value.id, value);
    context.nextId('attribute_value');
  }

  const mug = addProduct({ ref: 'MUG-STONE', label: 'Stoneware mug', price: '12.50', tvaTx: '20', stock: 40 });
  applyMovement(context, tables.products.get(mug) as ProductRow, 2, 5, 'Initial stock', null);
  tables.products.get(mug)!.barcode = '3700000000017';
  tables.products.get(mug)!.weight = '0.35';
  tables.products.get(mug)!.weight_units = 0;
  const tea = addProduct({ ref: 'TEA-SENCHA', label: 'Sencha tea 100 g', price: '8.90', tvaTx: '5.5', stock: 100 });
  const notebook = addProduct({ ref: 'NTB-A5', label: 'Notebook A5', price: '6.00', tvaTx: '5' });
  const shirt = addProduct({ ref: 'TSHIRT', label: 'Organic T-shirt', price: '19.90', tvaTx: '20' });
  const children: number[] = [];
  for (const [reference, value, impact, stock] of [
    ['TSHIRT-S', 1, '0', 10],
    ['TSHIRT-M', 2, '0', 8],
    ['TSHIRT-L', 3, '2.00', 4],
  ] as const) {
    const child = createProductRow(context, {
      ref: reference,
      label: `Organic T-shirt ${reference.slice(-1)}`,
      tva_tx: '20',
    });
    const combination: CombinationRow = {
      id: context.nextId('combination'),
      entity: 1,
      fk_product_parent: shirt,
      fk_product_child: child.id,
      variation_price: impact,
      variation_price_percentage: false,
      variation_weight: '0',
      variation_ref_ext: '',
      pairs: [[1, value]],
    };
    tables.combinations.set(combination.id, combination);
    child.price = childPrice(context, combination);
    applyMovement(context, child, 1, stock, 'Initial stock', null);
    children.push(child.id);
  }
  const candle = addProduct({ ref: 'CANDLE-FIG', label: 'Fig candle', price: '15.00', tvaTx: '20', stock: 12 });
  const shipping = addProduct({ ref: 'SHIPPING', label: 'Shipping', price: '0', tvaTx: '20', type: 1 });
  const rounding = addProduct({ ref: 'ROUNDING', label: 'Rounding difference', price: '0', tvaTx: '0', type: 1 });

  for (const [id, label, parent, refExt, products] of [
    [1, 'Tableware', 0, 'CAT-TABLE', [] as number[]],
    [2, 'Mugs', 1, 'CAT-MUGS', [mug]],
    [3, 'Tea', 0, 'CAT-TEA', [tea]],
    [4, 'Clothing', 0, 'CAT-CLOTH', [shirt]],
  ] as const) {
    tables.categories.set(id, {
      id,
      entity: 1,
      label,
      description: '',
      type: 0,
      fk_parent: parent,
      ref_ext: refExt,
      visible: 1,
      tms: context.now(),
      products: new Set(products),
    });
    context.nextId('category');
  }

  const marie = createThirdpartyRow(context, {
    name: 'Marie Durand',
    firstname: 'Marie',
    lastname: 'Durand',
    email: 'marie.durand@example.org',
    code_client: 'CU2401-00001',
    address: '12 rue des Lilas',
    zip: '69003',
    town: 'Lyon',
    country_id: 1,
    default_lang: 'fr_FR',
  });
  const acme = createThirdpartyRow(context, {
    name: 'ACME SARL',
    name_alias: 'ACME SARL',
    email: 'billing@acme.example',
    code_client: 'CU2401-00002',
    address: '4 avenue du Port',
    zip: 'H2X 1Y4',
    town: 'Montréal',
    country_id: 14,
    tva_intra: 'FR12345678901',
    idprof2: '12345678900012',
  });
  const guest = createThirdpartyRow(context, {
    name: 'Web guests',
    email: 'guests@shop.example',
    code_client: 'GUEST',
    address: '1 place du Marché',
    zip: '75001',
    town: 'Paris',
    country_id: 1,
  });
  createThirdpartyRow(context, {
    name: 'Jean Martin',
    firstname: 'Jean',
    lastname: 'Martin',
    code_client: 'CU2401-00004',
    country_id: 1,
  });

  const mugRow = tables.products.get(mug) as ProductRow;
  const medium = tables.products.get(children[1] as number) as ProductRow;
  const first = insertOrder(context, marie.id, 1, [
    line(context, { fk_product: mug, qty: '2', subprice: mugRow.price, tva_tx: '20', rang: 1 }),
    line(context, { fk_product: medium.id, qty: '1', subprice: medium.price, tva_tx: '20', rang: 2 }),
    line(context, { fk_product: shipping, qty: '1', subprice: '5.75', tva_tx: '20', label: 'Colissimo', rang: 3 }),
  ]);
  first.ref_client = 'WEB-1001';
  first.shipping_method_id = 3;
  insertOrder(context, guest.id, 1, [line(context, { fk_product: tea, qty: '3', subprice: '8.90', tva_tx: '5.5' })]);
  insertOrder(context, acme.id, 1, [
    line(context, { fk_product: notebook, qty: '5', subprice: '6.00', tva_tx: '5', localtax1_tx: '9.975', rang: 1 }),
    line(context, {
      fk_product: rounding,
      qty: '1',
      subprice: '0.01',
      tva_tx: '0',
      label: 'Rounding difference',
      rang: 2,
    }),
  ]);
  insertOrder(context, marie.id, 0, [line(context, { fk_product: candle, qty: '1', subprice: '15.00', tva_tx: '20' })]);
  insertOrder(context, acme.id, -1, [line(context, { fk_product: mug, qty: '10', subprice: '11.00', tva_tx: '20' })]);

  // The first order is invoiced, paid by card into the bank, and shipped with a tracking number.
  const invoiceId = context.nextId('invoice');
  const now = context.now();
  tables.invoices.set(invoiceId, {
    id: invoiceId,
    entity: 1,
    ref: 'FA2401-0001',
    ref_client: 'WEB-1001',
    ref_ext: null,
    socid: marie.id,
    status: 2,
    paye: 1,
    date: now,
    datec: now,
    date_valid: now,
    tms: now,
    multicurrency_code: 'EUR',
    multicurrency_tx: '1',
    mode_reglement_id: 6,
    lines: first.lines.map((orderLine) => ({ ...orderLine, id: context.nextId('line') })),
    fk_order: first.id,
  });
  first.billed = 1;
  const paymentId = context.nextId('payment');
  tables.payments.set(paymentId, {
    id: paymentId,
    entity: 1,
    ref: 'PAY2401-0001',
    ref_ext: null,
    datep: now,
    fk_paiement: 6,
    num_payment: 'ch_3Nf0',
    note_private: '',
    accountid: 1,
    amounts: new Map([[invoiceId, documentTotals(first.lines).total_ttc]]),
    multicurrency_amounts: new Map([[invoiceId, documentTotals(first.lines).total_ttc]]),
  });
  backOffice.ship(String(first.id), '6A12345678901');
  return { fixtures, backOffice };
}

function tenPercentOff(price: string): string {
  const cents = BigInt(roundDecimal(price, 2).replace('.', ''));
  const reduced = (cents * 9n) / 10n;
  const text = reduced.toString().padStart(3, '0');
  return `${text.slice(0, -2)}.${text.slice(-2)}`;
}

function insertOrder(context: FakeContext, socid: number, status: number, lines: DocumentLine[]): OrderRow {
  const id = context.nextId('order');
  const now = context.now();
  const row: OrderRow = {
    id,
    entity: 1,
    ref: status === 0 ? `(PROV${id})` : `CO2401-${String(id).padStart(4, '0')}`,
    ref_client: null,
    ref_ext: null,
    socid,
    status,
    billed: 0,
    date: now,
    datec: now,
    date_valid: status === 0 ? null : now,
    tms: now,
    multicurrency_code: 'EUR',
    multicurrency_tx: '1',
    mode_reglement_id: 6,
    shipping_method_id: null,
    warehouse_id: 1,
    note_public: '',
    note_private: '',
    lines,
    contacts: [],
    stockTakenFrom: null,
  };
  context.tables.orders.set(id, row);
  return row;
}
