import { addDecimals, divideDecimals, multiplyDecimals, roundDecimal } from '@passerelle/core';
import { decimalOf } from '../../src/map/decimal.js';
import { columnOf, datetime, type FakeContext, FakeHttpError, listAnswer, money, rate } from './context.js';
import { indexProduct, productCandidates, productsWithRef } from './product-index.js';
import { numberParam, type Route, text } from './router.js';
import type { CategoryRow, CombinationRow, ProductRow } from './state.js';

function physicalOf(row: ProductRow, warehouse?: number): number {
  if (warehouse !== undefined) return row.stock.get(warehouse) ?? 0;
  let total = 0;
  for (const quantity of row.stock.values()) total += quantity;
  return total;
}

/** Ordered but not yet shipped: what the virtual stock takes off when stock leaves at shipment. */
function reservedOf(context: FakeContext, productId: number): number {
  if (context.options.stockDecrementOn === 'order') return 0;
  let reserved = 0;
  for (const order of context.tables.orders.values()) {
    if (order.status !== 1 && order.status !== 2) continue;
    for (const line of order.lines) {
      if (line.fk_product !== productId) continue;
      const shipped = [...context.tables.shipments.values()]
        .filter((shipment) => shipment.origin_id === order.id && shipment.status >= 1)
        .flatMap((shipment) => shipment.lines)
        .filter((shipmentLine) => shipmentLine.origin_line_id === line.id)
        .reduce((sum, shipmentLine) => sum + shipmentLine.qty, 0);
      reserved += Number(line.qty) - shipped;
    }
  }
  return reserved;
}

export function serializeProduct(context: FakeContext, row: ProductRow, includeStock = false): Record<string, unknown> {
  const physical = physicalOf(row);
  return {
    id: String(row.id),
    entity: String(row.entity),
    ref: row.ref,
    ref_ext: row.ref_ext,
    label: row.label,
    description: row.description,
    type: String(row.type),
    status: String(row.tosell),
    status_buy: String(row.tobuy),
    price: money(row.price),
    price_ttc: money(row.price_ttc),
    price_min: money('0'),
    price_min_ttc: money('0'),
    price_base_type: row.price_base_type,
    tva_tx: rate(row.tva_tx),
    localtax1_tx: '0.000',
    localtax2_tx: '0.000',
    multiprices: row.multiprices
      ? Object.fromEntries(Object.entries(row.multiprices).map(([level, price]) => [level, money(price)]))
      : [],
    barcode: row.barcode,
    barcode_type: row.barcode ? '2' : null,
    weight: row.weight,
    weight_units: row.weight_units === null ? null : String(row.weight_units),
    stock_reel: physical,
    stock_theorique: physical - reservedOf(context, row.id),
    date_creation: context.local(row.datec),
    date_modification: context.local(row.tms),
    array_options: {},
    multilangs: {},
    ...(includeStock
      ? {
          stock_warehouse: Object.fromEntries(
            [...row.stock.entries()].map(([warehouse, real]) => [String(warehouse), { real }]),
          ),
        }
      : {}),
  };
}

const productColumn = columnOf({
  't.rowid': (row: ProductRow) => row.id,
  't.ref': (row: ProductRow) => row.ref,
  't.ref_ext': (row: ProductRow) => row.ref_ext,
  't.label': (row: ProductRow) => row.label,
  't.barcode': (row: ProductRow) => row.barcode,
  't.tosell': (row: ProductRow) => row.tosell,
  't.tobuy': (row: ProductRow) => row.tobuy,
  't.fk_product_type': (row: ProductRow) => row.type,
  't.entity': (row: ProductRow) => row.entity,
  't.tms': (row: ProductRow) => datetime(row.tms),
  't.datec': (row: ProductRow) => datetime(row.datec),
});

function product(context: FakeContext, id: number): ProductRow {
  const row = context.tables.products.get(id);
  if (!row || row.entity !== context.entity) throw new FakeHttpError(404, 'Product not found');
  return row;
}

function parentOf(context: FakeContext, productId: number): CombinationRow | undefined {
  return [...context.tables.combinations.values()].find((combination) => combination.fk_product_child === productId);
}

/** A child's price follows its parent's: parent price + impact. */
export function childPrice(context: FakeContext, combination: CombinationRow): string {
  const parent = context.tables.products.get(combination.fk_product_parent);
  const base = parent?.price ?? '0';
  return addDecimals(base, combination.variation_price);
}

function applyProductFields(context: FakeContext, row: ProductRow, body: Record<string, unknown>): void {
  if ('stock_reel' in body) throw new FakeHttpError(400, 'Use the /stockmovements endpoint to change the stock');
  if (typeof body.ref === 'string') row.ref = body.ref;
  if (typeof body.label === 'string') row.label = body.label;
  if (typeof body.description === 'string') row.description = body.description;
  if (body.type !== undefined) row.type = Number(body.type) === 1 ? 1 : 0;
  if (body.status !== undefined) row.tosell = Number(body.status) === 1 ? 1 : 0;
  if (body.status_buy !== undefined) row.tobuy = Number(body.status_buy) === 1 ? 1 : 0;
  if (body.ref_ext !== undefined) row.ref_ext = text(body.ref_ext);
  if (body.barcode !== undefined) row.barcode = text(body.barcode) || null;
  if (body.weight !== undefined) row.weight = decimalOf(body.weight);
  if (body.weight_units !== undefined) row.weight_units = Number(body.weight_units);
  if (body.tva_tx !== undefined) row.tva_tx = decimalOf(body.tva_tx) ?? '0';
  if (body.price_base_type === 'TTC' || body.price_base_type === 'HT') row.price_base_type = body.price_base_type;
  // With price levels on, Dolibarr's PUT keeps the price: only the one-price mode writes it.
  const price = context.options.multiprices && row.multiprices ? null : decimalOf(body.price);
  if (price !== null) row.price = price;
  const priceTtc = context.options.multiprices && row.multiprices ? null : decimalOf(body.price_ttc);
  if (priceTtc !== null) row.price_ttc = priceTtc;
  else if (price !== null)
    row.price_ttc = roundDecimal(addDecimals(price, divideDecimals(multiplyDecimals(price, row.tva_tx), '100', 8)), 8);
  row.tms = context.now();
  // Children follow their parent's price.
  for (const combination of context.tables.combinations.values()) {
    if (combination.fk_product_parent !== row.id) continue;
    const child = context.tables.products.get(combination.fk_product_child);
    if (child) {
      child.price = childPrice(context, combination);
      child.tms = row.tms;
    }
  }
}

export function createProductRow(context: FakeContext, body: Record<string, unknown>): ProductRow {
  const ref = text(body.ref);
  const label = text(body.label);
  if (!ref) throw new FakeHttpError(400, 'ref field missing');
  if (!label) throw new FakeHttpError(400, 'label field missing');
  const taken = productsWithRef(context.tables.products, ref).some(
    (row) => row.ref === ref && row.entity === context.entity,
  );
  if (taken) throw new FakeHttpError(500, 'Error creating product: ErrorProductAlreadyExists');
  const now = context.now();
  const row: ProductRow = {
    id: context.nextId('product'),
    entity: context.entity,
    ref,
    ref_ext: null,
    label,
    description: '',
    type: 0,
    tosell: 1,
    tobuy: 1,
    price: '0',
    price_ttc: '0',
    price_base_type: 'HT',
    tva_tx: '0',
    multiprices: null,
    barcode: null,
    weight: null,
    weight_units: null,
    datec: now,
    tms: now,
    stock: new Map(),
  };
  context.tables.products.set(row.id, row);
  indexProduct(context.tables.products, row);
  applyProductFields(context, row, { ...body, ref: undefined, label: undefined });
  row.tms = now;
  return row;
}

function serializeCategory(row: CategoryRow): Record<string, unknown> {
  return {
    id: String(row.id),
    entity: String(row.entity),
    label: row.label,
    description: row.description,
    type: String(row.type),
    fk_parent: String(row.fk_parent),
    ref_ext: row.ref_ext,
    visible: String(row.visible),
    color: '',
    date_modification: Math.floor(row.tms / 1000),
  };
}

const categoryColumn = columnOf({
  't.rowid': (row: CategoryRow) => row.id,
  't.label': (row: CategoryRow) => row.label,
  't.ref_ext': (row: CategoryRow) => row.ref_ext,
  't.fk_parent': (row: CategoryRow) => row.fk_parent,
  't.type': (row: CategoryRow) => row.type,
  't.entity': (row: CategoryRow) => row.entity,
  't.tms': (row: CategoryRow) => datetime(row.tms),
});

const CATEGORY_TYPES: Record<string, number> = { product: 0, supplier: 1, customer: 2, member: 3, contact: 4 };

function category(context: FakeContext, id: number): CategoryRow {
  const row = context.tables.categories.get(id);
  if (!row || row.entity !== context.entity) throw new FakeHttpError(404, 'category not found');
  return row;
}

export function catalogRoutes(): Route[] {
  return [
    {
      method: 'GET',
      path: '/products/attributes',
      run: ({ context, query }) => {
        context.requireRight('produit.lire');
        return listAnswer(context, query, {
          rows: [...context.tables.attributes.values()].map((row) => ({ ...row, entity: context.entity })),
          column: columnOf({ 't.rowid': (row: { id: number }) => row.id, 't.ref': (row: { ref: string }) => row.ref }),
          serialize: (row) => ({
            id: String(row.id),
            ref: row.ref,
            label: row.label,
            position: String(row.position),
            rang: String(row.position),
          }),
          defaultSort: 't.rowid',
          emptyMessage: 'No product attribute found',
        });
      },
    },
    {
      method: 'POST',
      path: '/products/attributes',
      run: ({ context, body }) => {
        context.requireRight('produit.creer');
        const ref = text(body.ref);
        const label = text(body.label);
        if (!ref || !label) throw new FakeHttpError(400, 'ref and label are mandatory');
        if ([...context.tables.attributes.values()].some((row) => row.ref === ref))
          throw new FakeHttpError(500, 'Error creating new attribute');
        const id = context.nextId('attribute');
        context.tables.attributes.set(id, { id, ref, label, position: context.tables.attributes.size });
        return id;
      },
    },
    {
      method: 'GET',
      path: '/products/attributes/{id}/values',
      run: ({ context, params }) => {
        context.requireRight('produit.lire');
        const attributeId = numberParam(params.id);
        if (!context.tables.attributes.has(attributeId)) throw new FakeHttpError(404, 'Attribute not found');
        return [...context.tables.attributeValues.values()]
          .filter((value) => value.fk_product_attribute === attributeId)
          .map((value) => ({
            id: String(value.id),
            fk_product_attribute: String(value.fk_product_attribute),
            ref: value.ref,
            value: value.value,
          }));
      },
    },
    {
      method: 'POST',
      path: '/products/attributes/{id}/values',
      run: ({ context, params, body }) => {
        context.requireRight('produit.creer');
        const attributeId = numberParam(params.id);
        if (!context.tables.attributes.has(attributeId)) throw new FakeHttpError(404, 'Attribute not found');
        const ref = text(body.ref);
        const value = text(body.value);
        if (!ref || !value) throw new FakeHttpError(400, 'ref and value are mandatory');
        const id = context.nextId('attribute_value');
        context.tables.attributeValues.set(id, { id, fk_product_attribute: attributeId, ref, value });
        return id;
      },
    },
    {
      method: 'PUT',
      path: '/products/variants/{id}',
      run: ({ context, params, body }) => {
        context.requireRight('produit.creer');
        const combination = context.tables.combinations.get(numberParam(params.id));
        if (!combination || combination.entity !== context.entity)
          throw new FakeHttpError(404, 'Product combination not found');
        const priceImpact = decimalOf(body.price_impact);
        if (priceImpact !== null) combination.variation_price = priceImpact;
        const weightImpact = decimalOf(body.weight_impact);
        if (weightImpact !== null) combination.variation_weight = weightImpact;
        if (body.price_impact_is_percent !== undefined)
          combination.variation_price_percentage = Boolean(body.price_impact_is_percent);
        if (body.reference !== undefined) {
          const child = context.tables.products.get(combination.fk_product_child);
          if (child && typeof body.reference === 'string') child.ref = body.reference;
        }
        const child = context.tables.products.get(combination.fk_product_child);
        if (child) {
          child.price = childPrice(context, combination);
          child.tms = context.now();
        }
        return 1;
      },
    },
    {
      method: 'GET',
      path: '/products',
      run: ({ context, query }) => {
        context.requireRight('produit.lire');
        const filter = Number(query.get('variant_filter') ?? '0');
        const parents = new Set(
          [...context.tables.combinations.values()].map((combination) => combination.fk_product_parent),
        );
        const children = new Set(
          [...context.tables.combinations.values()].map((combination) => combination.fk_product_child),
        );
        const mode = Number(query.get('mode') ?? '0');
        // An equality on t.ref / t.rowid reads the index instead of the whole table: same rows, same answer.
        const source =
          productCandidates(context.tables.products, query.get('sqlfilters'), context.versionMajor >= 20) ??
          context.tables.products.values();
        const rows = [...source].filter((row) => {
          if (mode === 1 && row.type !== 0) return false;
          if (mode === 2 && row.type !== 1) return false;
          if (filter === 1) return !parents.has(row.id) && !children.has(row.id);
          if (filter === 2) return parents.has(row.id);
          if (filter === 3) return children.has(row.id);
          return true;
        });
        const includeStock = query.get('includestockdata') === '1' || query.get('includestockdata') === 'true';
        const idsOnly = query.get('ids_only') === '1' || query.get('ids_only') === 'true';
        return listAnswer(context, query, {
          rows,
          column: productColumn,
          serialize: (row) => (idsOnly ? row.id : serializeProduct(context, row, includeStock)),
          defaultSort: 't.ref',
          emptyMessage: 'No product found',
        });
      },
    },
    {
      method: 'GET',
      path: '/products/ref/{ref}',
      run: ({ context, params, query }) => {
        context.requireRight('produit.lire');
        const ref = decodeURIComponent(params.ref ?? '');
        const row = productsWithRef(context.tables.products, ref).find(
          (candidate) => candidate.ref === ref && candidate.entity === context.entity,
        );
        if (!row) throw new FakeHttpError(404, 'Product not found');
        return serializeProduct(context, row, query.get('includestockdata') === '1');
      },
    },
    {
      method: 'GET',
      path: '/products/{id}',
      run: ({ context, params, query }) => {
        context.requireRight('produit.lire');
        return serializeProduct(
          context,
          product(context, numberParam(params.id)),
          query.get('includestockdata') === '1',
        );
      },
    },
    {
      method: 'POST',
      path: '/products',
      run: ({ context, body }) => {
        context.requireRight('produit.creer');
        return createProductRow(context, body).id;
      },
    },
    {
      method: 'PUT',
      path: '/products/{id}',
      run: ({ context, params, body }) => {
        context.requireRight('produit.creer');
        const row = product(context, numberParam(params.id));
        applyProductFields(context, row, body);
        return serializeProduct(context, row);
      },
    },
    {
      method: 'GET',
      path: '/products/{id}/stock',
      run: ({ context, params, query }) => {
        context.requireRight('stock.lire');
        const row = product(context, numberParam(params.id));
        const selected = query.get('selected_warehouse_id');
        const entries = [...row.stock.entries()].filter(([warehouse]) => !selected || String(warehouse) === selected);
        if (entries.length === 0) throw new FakeHttpError(404, 'No stock found');
        return {
          stock_warehouses: Object.fromEntries(
            entries.map(([warehouse, real]) => [String(warehouse), { real, id: String(warehouse) }]),
          ),
        };
      },
    },
    {
      method: 'GET',
      path: '/products/{id}/categories',
      run: ({ context, params }) => {
        context.requireRight('categorie.lire');
        const id = numberParam(params.id);
        product(context, id);
        const found = [...context.tables.categories.values()].filter((row) => row.products.has(id));
        if (found.length === 0 && context.versionMajor < 17) throw new FakeHttpError(404, 'No category found');
        return found.map(serializeCategory);
      },
    },
    {
      method: 'GET',
      path: '/products/{id}/variants',
      run: ({ context, params, query }) => {
        context.requireRight('produit.lire');
        const id = numberParam(params.id);
        product(context, id);
        const includeStock = query.get('includestock') === '1';
        return [...context.tables.combinations.values()]
          .filter((combination) => combination.fk_product_parent === id)
          .map((combination) => ({
            id: combination.id,
            fk_product_parent: combination.fk_product_parent,
            fk_product_child: combination.fk_product_child,
            variation_price: Number(combination.variation_price),
            variation_price_percentage: combination.variation_price_percentage,
            variation_weight: Number(combination.variation_weight),
            variation_ref_ext: combination.variation_ref_ext,
            attributes: combination.pairs.map(([attribute, value]) => ({
              fk_prod_comb: combination.id,
              fk_prod_attr: attribute,
              fk_prod_attr_val: value,
            })),
            ...(includeStock
              ? {
                  stock_warehouse: Object.fromEntries(
                    [...(context.tables.products.get(combination.fk_product_child)?.stock.entries() ?? [])].map(
                      ([warehouse, real]) => [String(warehouse), { real }],
                    ),
                  ),
                }
              : {}),
          }));
      },
    },
    {
      method: 'POST',
      path: '/products/{id}/variants',
      run: ({ context, params, body }) => {
        context.requireRight('produit.creer');
        const parent = product(context, numberParam(params.id));
        if (parentOf(context, parent.id)) throw new FakeHttpError(400, 'A variant cannot have variants');
        const features = (body.features ?? {}) as Record<string, unknown>;
        const pairs = Object.entries(features).map(
          ([attribute, value]) => [Number(attribute), Number(value)] as [number, number],
        );
        if (pairs.length === 0) throw new FakeHttpError(400, 'features are mandatory');
        for (const [attribute, value] of pairs) {
          const known = context.tables.attributeValues.get(value);
          if (!context.tables.attributes.has(attribute) || known?.fk_product_attribute !== attribute) {
            throw new FakeHttpError(404, 'Attribute value not found');
          }
        }
        const same = [...context.tables.combinations.values()].some(
          (combination) =>
            combination.fk_product_parent === parent.id &&
            JSON.stringify([...combination.pairs].sort()) === JSON.stringify([...pairs].sort()),
        );
        if (same) throw new FakeHttpError(500, 'Error creating new product variant: this combination already exists');
        const valueLabels = pairs.map(([, value]) => context.tables.attributeValues.get(value)?.value ?? '');
        const reference = text(body.reference) ?? `${parent.ref}_${valueLabels.join('_')}`;
        const child = createProductRow(context, {
          ref: reference,
          label: `${parent.label} ${valueLabels.join(' ')}`,
          tva_tx: parent.tva_tx,
          type: parent.type,
        });
        const combination: CombinationRow = {
          id: context.nextId('combination'),
          entity: context.entity,
          fk_product_parent: parent.id,
          fk_product_child: child.id,
          variation_price: decimalOf(body.price_impact) ?? '0',
          variation_price_percentage: Boolean(body.price_impact_is_percent),
          variation_weight: decimalOf(body.weight_impact) ?? '0',
          variation_ref_ext: text(body.ref_ext) ?? '',
          pairs,
        };
        context.tables.combinations.set(combination.id, combination);
        child.price = childPrice(context, combination);
        return combination.id;
      },
    },
    {
      method: 'GET',
      path: '/categories',
      run: ({ context, query }) => {
        context.requireRight('categorie.lire');
        const type = query.get('type');
        const wanted = type === null ? null : (CATEGORY_TYPES[type] ?? Number(type));
        return listAnswer(context, query, {
          rows: [...context.tables.categories.values()].filter((row) => wanted === null || row.type === wanted),
          column: categoryColumn,
          serialize: serializeCategory,
          defaultSort: 't.rowid',
          emptyMessage: 'No category found',
        });
      },
    },
    {
      method: 'GET',
      path: '/categories/{id}',
      run: ({ context, params }) => {
        context.requireRight('categorie.lire');
        return serializeCategory(category(context, numberParam(params.id)));
      },
    },
    {
      method: 'POST',
      path: '/categories',
      run: ({ context, body }) => {
        context.requireRight('categorie.creer');
        const label = text(body.label);
        if (!label) throw new FakeHttpError(400, 'label field missing');
        const type =
          typeof body.type === 'string' && body.type in CATEGORY_TYPES
            ? (CATEGORY_TYPES[body.type] as number)
            : Number(body.type ?? 0);
        const parent = Number(body.fk_parent ?? 0);
        if (parent !== 0) category(context, parent);
        const duplicate = [...context.tables.categories.values()].some(
          (row) =>
            row.entity === context.entity &&
            row.type === type &&
            row.fk_parent === parent &&
            row.label.toLowerCase() === label.toLowerCase(),
        );
        if (duplicate) throw new FakeHttpError(500, 'Error when creating category : ErrorSameLabelExists');
        const row: CategoryRow = {
          id: context.nextId('category'),
          entity: context.entity,
          label,
          description: text(body.description) ?? '',
          type,
          fk_parent: parent,
          ref_ext: text(body.ref_ext),
          visible: 1,
          tms: context.now(),
          products: new Set(),
        };
        context.tables.categories.set(row.id, row);
        return row.id;
      },
    },
    {
      method: 'PUT',
      path: '/categories/{id}',
      run: ({ context, params, body }) => {
        context.requireRight('categorie.creer');
        const row = category(context, numberParam(params.id));
        if (typeof body.label === 'string') row.label = body.label;
        if (typeof body.description === 'string') row.description = body.description;
        if (body.fk_parent !== undefined) row.fk_parent = Number(body.fk_parent);
        if (body.ref_ext !== undefined) row.ref_ext = text(body.ref_ext);
        row.tms = context.now();
        return serializeCategory(row);
      },
    },
    {
      method: 'POST',
      path: '/categories/{id}/objects/{type}/{objectId}',
      run: ({ context, params }) => {
        context.requireRight('categorie.creer');
        const row = category(context, numberParam(params.id));
        if (params.type !== 'product') throw new FakeHttpError(400, 'only products in this fake');
        const productId = numberParam(params.objectId);
        product(context, productId);
        row.products.add(productId);
        return serializeCategory(row);
      },
    },
    {
      method: 'GET',
      path: '/warehouses',
      run: ({ context, query }) => {
        context.requireRight('stock.lire');
        return listAnswer(context, query, {
          rows: context.tables.warehouses.values(),
          column: columnOf({
            't.rowid': (row: { id: number }) => row.id,
            't.ref': (row: { ref: string }) => row.ref,
            't.statut': (row: { statut: number }) => row.statut,
          }),
          serialize: (row) => ({
            id: String(row.id),
            ref: row.ref,
            label: row.ref,
            lieu: row.ref,
            statut: String(row.statut),
            entity: String(row.entity),
          }),
          defaultSort: 't.rowid',
          emptyMessage: 'No warehouse found',
        });
      },
    },
    {
      method: 'GET',
      path: '/stockmovements',
      run: ({ context, query }) => {
        context.requireRight('stock.lire');
        return listAnswer(context, query, {
          rows: [...context.tables.movements.values()].map((row) => ({ ...row, entity: context.entity })),
          column: columnOf({
            't.rowid': (row: { id: number }) => row.id,
            't.fk_product': (row: { product_id: number }) => row.product_id,
            't.fk_entrepot': (row: { warehouse_id: number }) => row.warehouse_id,
            't.value': (row: { qty: number }) => row.qty,
            't.datem': (row: { datem: number }) => datetime(row.datem),
          }),
          serialize: (row) => ({
            id: String(row.id),
            product_id: String(row.product_id),
            warehouse_id: String(row.warehouse_id),
            qty: String(row.qty),
            type: String(row.type),
            label: row.label,
            datem: Math.floor(row.datem / 1000),
            origin_type: row.origin,
          }),
          defaultSort: 't.rowid',
          emptyMessage: 'No stock movement found',
        });
      },
    },
    {
      method: 'POST',
      path: '/stockmovements',
      run: ({ context, body }) => {
        context.requireRight('stock.mouvement.creer');
        const productId = Number(body.product_id);
        const warehouseId = Number(body.warehouse_id);
        const qty = Number(body.qty);
        if (!Number.isFinite(qty) || qty === 0) throw new FakeHttpError(400, 'The quantity must not be zero');
        const row = product(context, productId);
        const warehouse = context.tables.warehouses.get(warehouseId);
        if (!warehouse || warehouse.entity !== context.entity) throw new FakeHttpError(404, 'Warehouse not found');
        if (warehouse.statut !== 1) throw new FakeHttpError(500, 'Error: the warehouse is closed');
        // Old versions named it movementlabel, newer ones label: the fake accepts both.
        const label = text(body.label) ?? text(body.movementlabel) ?? '';
        return applyMovement(context, row, warehouseId, qty, label, null);
      },
    },
  ];
}

export function applyMovement(
  context: FakeContext,
  row: ProductRow,
  warehouseId: number,
  qty: number,
  label: string,
  origin: string | null,
): number {
  row.stock.set(warehouseId, (row.stock.get(warehouseId) ?? 0) + qty);
  const id = context.nextId('movement');
  const now = context.now();
  context.tables.movements.set(id, {
    id,
    product_id: row.id,
    warehouse_id: warehouseId,
    qty,
    type: qty > 0 ? 3 : 2,
    label,
    datem: now,
    origin,
  });
  // MySQL bumps llx_product.tms when the cached stock column changes.
  row.tms = now;
  return id;
}
