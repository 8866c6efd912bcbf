import type { GraphQLResolveInfo } from 'graphql';
import { valueFromASTUntyped } from 'graphql';
import type { MailingAddressNode } from '../../src/graphql/shopify.types.js';
import { inventoryReasons } from '../../src/settings.js';
import { nodeView } from './queries.js';
import type { FakeCustomer, FakeMetafield, FakeOrder, FakeProduct, FakeShopState, FakeVariant } from './state.js';
import { levelKey, money } from './state.js';
import { type Args, customerView, type FakeContext, isDefaultOnly, levelsOfItem, productView } from './views.js';

type UserError = { field: string[] | null; message: string; code?: string };

/** Shopify's bound on an inventory quantity, either way (`INVALID_QUANTITY_TOO_HIGH` / `_LOW`). */
const MAX_QUANTITY = 1_000_000_000;

/** Runs a bulk query and stores its JSONL; provided by the engine (it owns the schema). */
export type BulkRunner = (
  context: FakeContext,
  query: string,
  groupObjects: boolean,
) => { errors: UserError[]; operationId: string | null };

function upsertMetafields(
  target: FakeMetafield[],
  inputs: { namespace?: string; key?: string; type?: string; value?: string }[] | undefined,
  context: FakeContext,
) {
  for (const input of inputs ?? []) {
    if (!input.key || input.value === undefined) continue;
    const namespace = input.namespace ?? '$app';
    const existing = target.find((field) => field.namespace === namespace && field.key === input.key);
    if (existing) {
      existing.value = input.value;
      existing.updatedAt = context.now();
    } else {
      target.push({
        id: context.newId('Metafield'),
        namespace,
        key: input.key,
        type: input.type ?? 'single_line_text_field',
        value: input.value,
        updatedAt: context.now(),
      });
    }
  }
}

function uniqueHandle(shop: FakeShopState, wanted: string, except?: string): string {
  const taken = new Set(
    [...shop.products.values()].filter((product) => product.id !== except).map((product) => product.handle),
  );
  if (!taken.has(wanted)) return wanted;
  for (let suffix = 1; ; suffix++) if (!taken.has(`${wanted}-${suffix}`)) return `${wanted}-${suffix}`;
}

interface VariantInput {
  id?: string;
  sku?: string;
  price?: string;
  compareAtPrice?: string | null;
  barcode?: string | null;
  optionValues?: { optionName?: string; name?: string }[];
  inventoryItem?: {
    sku?: string;
    tracked?: boolean;
    measurement?: { weight?: { unit: 'GRAMS' | 'KILOGRAMS' | 'OUNCES' | 'POUNDS'; value: number } };
  };
  inventoryQuantities?: { locationId: string; name: string; quantity: number }[];
}

function createVariant(context: FakeContext, product: FakeProduct, input: VariantInput, position: number): FakeVariant {
  const { shop } = context;
  const now = context.now();
  const variantId = context.newId('ProductVariant');
  const itemId = context.newId('InventoryItem');
  const variant: FakeVariant = {
    id: variantId,
    productId: product.id,
    sku: input.sku ?? input.inventoryItem?.sku ?? null,
    barcode: input.barcode ?? null,
    price: input.price ?? '0.00',
    compareAtPrice: input.compareAtPrice ?? null,
    position,
    selectedOptions: (input.optionValues ?? []).map((value) => ({
      name: value.optionName ?? '',
      value: value.name ?? '',
    })),
    inventoryItemId: itemId,
    createdAt: now,
    updatedAt: now,
  };
  shop.variants.set(variantId, variant);
  shop.inventoryItems.set(itemId, {
    id: itemId,
    variantId,
    tracked: input.inventoryItem?.tracked ?? true,
    weight: input.inventoryItem?.measurement?.weight ?? null,
    updatedAt: now,
  });
  // A new variant is stocked at every active location, at 0 unless told otherwise.
  for (const location of shop.locations.filter((entry) => entry.isActive)) {
    const quantity = input.inventoryQuantities?.find((entry) => entry.locationId === location.id)?.quantity ?? 0;
    shop.levels.set(levelKey(itemId, location.id), {
      id: `${context.newId('InventoryLevel')}?inventory_item_id=${itemId.split('/').pop()}`,
      itemId,
      locationId: location.id,
      quantities: { available: quantity, on_hand: quantity, committed: 0 },
      updatedAt: now,
    });
  }
  return variant;
}

function deleteVariant(shop: FakeShopState, variant: FakeVariant) {
  shop.variants.delete(variant.id);
  shop.inventoryItems.delete(variant.inventoryItemId);
  for (const level of levelsOfItem(shop, variant.inventoryItemId))
    shop.levels.delete(levelKey(level.itemId, level.locationId));
}

function applyVariant(context: FakeContext, variant: FakeVariant, input: VariantInput) {
  const { shop } = context;
  if (input.price !== undefined) variant.price = input.price;
  if (input.compareAtPrice !== undefined) variant.compareAtPrice = input.compareAtPrice;
  if (input.barcode !== undefined) variant.barcode = input.barcode;
  if (input.sku !== undefined) variant.sku = input.sku;
  if (input.optionValues)
    variant.selectedOptions = input.optionValues.map((value) => ({
      name: value.optionName ?? '',
      value: value.name ?? '',
    }));
  const item = shop.inventoryItems.get(variant.inventoryItemId);
  if (item && input.inventoryItem) {
    if (input.inventoryItem.sku !== undefined) variant.sku = input.inventoryItem.sku;
    if (input.inventoryItem.tracked !== undefined) item.tracked = input.inventoryItem.tracked;
    if (input.inventoryItem.measurement?.weight) item.weight = input.inventoryItem.measurement.weight;
    item.updatedAt = context.now();
  }
  variant.updatedAt = context.now();
}

function refreshOptions(shop: FakeShopState, product: FakeProduct) {
  const options = new Map<string, string[]>();
  for (const id of product.variantIds) {
    for (const option of shop.variants.get(id)?.selectedOptions ?? []) {
      const values = options.get(option.name) ?? [];
      if (!values.includes(option.value)) values.push(option.value);
      options.set(option.name, values);
    }
  }
  product.options = [...options].map(([name, values], index) => ({
    id: `${product.id}/option/${index + 1}`,
    name,
    values,
  }));
}

function applyProductFields(context: FakeContext, product: FakeProduct, input: Record<string, unknown>) {
  if (typeof input.title === 'string') product.title = input.title;
  if (typeof input.descriptionHtml === 'string') product.descriptionHtml = input.descriptionHtml;
  if (typeof input.handle === 'string') product.handle = uniqueHandle(context.shop, input.handle, product.id);
  if (typeof input.vendor === 'string') product.vendor = input.vendor;
  if (typeof input.productType === 'string') product.productType = input.productType;
  if (typeof input.status === 'string') product.status = input.status as FakeProduct['status'];
  if (Array.isArray(input.tags)) product.tags = input.tags as string[];
  if (input.seo && typeof input.seo === 'object') {
    const seo = input.seo as { title?: string | null; description?: string | null };
    product.seo = {
      title: seo.title !== undefined ? seo.title : product.seo.title,
      description: seo.description !== undefined ? seo.description : product.seo.description,
    };
  }
  upsertMetafields(product.metafields, input.metafields as FakeMetafield[] | undefined, context);
}

function addressFrom(context: FakeContext, input: Record<string, string | undefined>, id?: string): MailingAddressNode {
  return {
    id: id ?? `${context.newId('MailingAddress')}?model_name=CustomerAddress`,
    firstName: input.firstName ?? null,
    lastName: input.lastName ?? null,
    company: input.company ?? null,
    address1: input.address1 ?? null,
    address2: input.address2 ?? null,
    zip: input.zip ?? null,
    city: input.city ?? null,
    province: input.provinceCode ?? null,
    provinceCode: input.provinceCode ?? null,
    countryCodeV2: input.countryCode ?? null,
    phone: input.phone ?? null,
  };
}

function idempotencyKey(info: GraphQLResolveInfo): string | null {
  const directive = info.fieldNodes[0]?.directives?.find((entry) => entry.name.value === 'idempotent');
  const argument = directive?.arguments?.find((entry) => entry.name.value === 'key');
  if (!argument) return null;
  const value = valueFromASTUntyped(argument.value, info.variableValues as Record<string, unknown>);
  return typeof value === 'string' && value !== '' ? value : null;
}

function recalcFulfillment(order: FakeOrder) {
  const open = order.fulfillmentOrders.filter(
    (entry) => entry.status === 'OPEN' || entry.status === 'IN_PROGRESS',
  ).length;
  const held = order.fulfillmentOrders.some((entry) => entry.status === 'ON_HOLD');
  const closed = order.fulfillmentOrders.filter((entry) => entry.status === 'CLOSED').length;
  order.displayFulfillmentStatus = held
    ? 'ON_HOLD'
    : open === 0 && closed > 0
      ? 'FULFILLED'
      : closed > 0
        ? 'PARTIALLY_FULFILLED'
        : 'UNFULFILLED';
}

/** The mutation root of one request over one shop's state, with Shopify's user errors. */
export function mutationRoot(context: FakeContext, runBulk: BulkRunner): Record<string, unknown> {
  const { shop } = context;
  const touch = (entity: { updatedAt: string }) => {
    entity.updatedAt = context.now();
  };

  return {
    productSet: (args: Args) => {
      const input = args.input as Record<string, unknown> & {
        variants?: VariantInput[];
        productOptions?: unknown[];
        files?: { originalSource?: string; alt?: string }[];
      };
      const identifier = args.identifier as { id?: string; handle?: string } | undefined;
      const errors: UserError[] = [];
      let product = identifier?.id
        ? shop.products.get(identifier.id)
        : identifier?.handle
          ? [...shop.products.values()].find((entry) => entry.handle === identifier.handle)
          : undefined;
      if (identifier?.id && !product)
        errors.push({ field: ['identifier', 'id'], message: 'Product does not exist', code: 'PRODUCT_DOES_NOT_EXIST' });
      if (!product && typeof input.title !== 'string')
        errors.push({ field: ['input', 'title'], message: "Title can't be blank", code: 'INVALID' });
      if (input.variants?.length && !input.productOptions?.length) {
        errors.push({
          field: ['input', 'productOptions'],
          message: 'Product options are required when variants are given',
          code: 'INVALID',
        });
      }
      if (errors.length) return { product: null, productSetOperation: null, userErrors: errors };
      const now = context.now();
      if (!product) {
        product = {
          id: context.newId('Product'),
          handle: '',
          title: input.title as string,
          descriptionHtml: '',
          vendor: '',
          productType: '',
          status: 'ACTIVE',
          tags: [],
          createdAt: now,
          updatedAt: now,
          seo: { title: null, description: null },
          metafields: [],
          media: [],
          options: [],
          variantIds: [],
        };
        product.handle = uniqueHandle(
          shop,
          typeof input.handle === 'string'
            ? input.handle
            : (input.title as string).toLowerCase().replace(/[^a-z0-9]+/g, '-'),
        );
        shop.products.set(product.id, product);
      }
      applyProductFields(context, product, input);
      for (const file of input.files ?? []) {
        if (file.originalSource)
          product.media.push({ id: context.newId('MediaImage'), url: file.originalSource, alt: file.alt ?? null });
      }
      if (input.variants) {
        // productSet is declarative: variants missing from the input are deleted (the documented pitfall).
        const kept = new Set<string>();
        input.variants.forEach((variantInput, index) => {
          const existing = variantInput.id ? shop.variants.get(variantInput.id) : undefined;
          if (existing && existing.productId === (product as FakeProduct).id) {
            applyVariant(context, existing, variantInput);
            existing.position = index + 1;
            kept.add(existing.id);
          } else {
            kept.add(createVariant(context, product as FakeProduct, variantInput, index + 1).id);
          }
        });
        for (const id of product.variantIds) {
          const variant = shop.variants.get(id);
          if (variant && !kept.has(id)) deleteVariant(shop, variant);
        }
        product.variantIds = [...kept];
        refreshOptions(shop, product);
      }
      product.updatedAt = now;
      return { product: productView(context, product), productSetOperation: null, userErrors: [] };
    },

    productUpdate: (args: Args) => {
      const input = (args.product ?? args.input) as Record<string, unknown>;
      const product = shop.products.get(input.id as string);
      if (!product) return { product: null, userErrors: [{ field: ['id'], message: 'Product does not exist' }] };
      applyProductFields(context, product, input);
      for (const media of (args.media as { originalSource: string; alt?: string }[] | undefined) ?? []) {
        product.media.push({ id: context.newId('MediaImage'), url: media.originalSource, alt: media.alt ?? null });
      }
      touch(product);
      return { product: productView(context, product), userErrors: [] };
    },

    productVariantsBulkUpdate: (args: Args) => {
      const product = shop.products.get(args.productId as string);
      if (!product)
        return {
          product: null,
          productVariants: null,
          userErrors: [{ field: ['productId'], message: 'Product does not exist', code: 'PRODUCT_DOES_NOT_EXIST' }],
        };
      const inputs = args.variants as VariantInput[];
      const errors: UserError[] = [];
      inputs.forEach((input, index) => {
        const variant = input.id ? shop.variants.get(input.id) : undefined;
        if (!variant || variant.productId !== product.id) {
          errors.push({
            field: ['variants', String(index), 'id'],
            message: 'Product variant does not exist',
            code: 'PRODUCT_VARIANT_DOES_NOT_EXIST',
          });
        }
      });
      if (errors.length && !args.allowPartialUpdates)
        return { product: null, productVariants: null, userErrors: errors };
      const updated: FakeVariant[] = [];
      for (const input of inputs) {
        const variant = input.id ? shop.variants.get(input.id) : undefined;
        if (!variant || variant.productId !== product.id) continue;
        applyVariant(context, variant, input);
        updated.push(variant);
      }
      refreshOptions(shop, product);
      touch(product);
      return {
        product: productView(context, product),
        productVariants: updated.map((variant) => nodeView(context, variant.id)),
        userErrors: errors,
      };
    },

    productVariantsBulkCreate: (args: Args) => {
      const product = shop.products.get(args.productId as string);
      if (!product)
        return {
          product: null,
          productVariants: null,
          userErrors: [{ field: ['productId'], message: 'Product does not exist', code: 'PRODUCT_DOES_NOT_EXIST' }],
        };
      if (args.strategy === 'REMOVE_STANDALONE_VARIANT' && isDefaultOnly(shop, product)) {
        for (const id of product.variantIds) {
          const variant = shop.variants.get(id);
          if (variant) deleteVariant(shop, variant);
        }
        product.variantIds = [];
      }
      const created = (args.variants as VariantInput[]).map((input) => {
        const variant = createVariant(context, product, input, product.variantIds.length + 1);
        product.variantIds.push(variant.id);
        return variant;
      });
      refreshOptions(shop, product);
      touch(product);
      return {
        product: productView(context, product),
        productVariants: created.map((variant) => nodeView(context, variant.id)),
        userErrors: [],
      };
    },

    fileUpdate: (args: Args) => {
      for (const file of args.files as { id: string; referencesToRemove?: string[] }[]) {
        for (const productId of file.referencesToRemove ?? []) {
          const product = shop.products.get(productId);
          if (!product) continue;
          product.media = product.media.filter((media) => media.id !== file.id);
          touch(product);
        }
      }
      return { files: [], userErrors: [] };
    },

    inventorySetQuantities: (args: Args, _context: unknown, info: GraphQLResolveInfo) => {
      const key = idempotencyKey(info);
      if (!key)
        throw new Error('The @idempotent directive with a key is required for inventorySetQuantities from 2026-04.');
      const input = args.input as {
        name: string;
        reason: string;
        referenceDocumentUri?: string;
        quantities: ({ inventoryItemId: string; locationId: string; quantity: number } & {
          changeFromQuantity?: number | null;
        })[];
      };
      if (input.quantities.length > 250)
        throw new Error('The input array size of 251 or more is greater than the maximum allowed of 250.');
      const request = JSON.stringify(input);
      const seen = shop.idempotency.get(key);
      if (seen) {
        if (seen.request === request) return seen.answer;
        return {
          inventoryAdjustmentGroup: null,
          userErrors: [
            {
              field: ['input'],
              message: 'The idempotency key was used with other parameters.',
              code: 'IDEMPOTENCY_KEY_PARAMETER_MISMATCH',
            },
          ],
        };
      }
      const errors: UserError[] = [];
      if (input.name !== 'available' && input.name !== 'on_hand')
        errors.push({
          field: ['input', 'name'],
          message: 'The quantity name must be available or on_hand.',
          code: 'INVALID_NAME',
        });
      if (!(inventoryReasons as readonly string[]).includes(input.reason))
        errors.push({ field: ['input', 'reason'], message: 'The reason is invalid.', code: 'INVALID_REASON' });
      const pairs = new Set<string>();
      input.quantities.forEach((quantity, index) => {
        const at = (field: string) => ['input', 'quantities', String(index), field];
        const level = shop.levels.get(levelKey(quantity.inventoryItemId, quantity.locationId));
        if (!('changeFromQuantity' in quantity)) {
          errors.push({
            field: at('changeFromQuantity'),
            message: 'changeFromQuantity is required (null skips the check).',
            code: 'COMPARE_QUANTITY_REQUIRED',
          });
        } else if (!shop.inventoryItems.has(quantity.inventoryItemId)) {
          errors.push({
            field: at('inventoryItemId'),
            message: 'The inventory item does not exist.',
            code: 'INVALID_INVENTORY_ITEM',
          });
        } else if (!shop.locations.some((location) => location.id === quantity.locationId)) {
          errors.push({ field: at('locationId'), message: 'The location does not exist.', code: 'INVALID_LOCATION' });
        } else if (!level) {
          errors.push({
            field: at('locationId'),
            message: 'The item is not stocked at the location.',
            code: 'ITEM_NOT_STOCKED_AT_LOCATION',
          });
        } else if (quantity.quantity > MAX_QUANTITY) {
          errors.push({
            field: at('quantity'),
            message: `The quantity can't be higher than ${MAX_QUANTITY.toLocaleString('en-US')}.`,
            code: 'INVALID_QUANTITY_TOO_HIGH',
          });
        } else if (quantity.quantity < -MAX_QUANTITY) {
          errors.push({
            field: at('quantity'),
            message: `The quantity can't be lower than -${MAX_QUANTITY.toLocaleString('en-US')}.`,
            code: 'INVALID_QUANTITY_TOO_LOW',
          });
        } else if (
          quantity.changeFromQuantity !== null &&
          quantity.changeFromQuantity !== undefined &&
          quantity.changeFromQuantity !== (level.quantities[input.name] ?? 0)
        ) {
          errors.push({
            field: at('changeFromQuantity'),
            message: 'The quantity changed since it was read.',
            code: 'CHANGE_FROM_QUANTITY_STALE',
          });
        }
        const pair = levelKey(quantity.inventoryItemId, quantity.locationId);
        if (pairs.has(pair))
          errors.push({
            field: at('inventoryItemId'),
            message: 'An item and location pair is repeated.',
            code: 'NO_DUPLICATE_INVENTORY_ITEM_ID_GROUP_ID_PAIR',
          });
        pairs.add(pair);
      });
      let answer: unknown;
      if (errors.length) {
        // All or nothing: one refused quantity leaves every level of the call untouched.
        answer = { inventoryAdjustmentGroup: null, userErrors: errors };
      } else {
        const now = context.now();
        for (const quantity of input.quantities) {
          const level = shop.levels.get(levelKey(quantity.inventoryItemId, quantity.locationId));
          if (!level) continue;
          const delta = quantity.quantity - (level.quantities[input.name] ?? 0);
          level.quantities[input.name] = quantity.quantity;
          if (input.name === 'available') level.quantities.on_hand = (level.quantities.on_hand ?? 0) + delta;
          level.updatedAt = now;
        }
        answer = {
          inventoryAdjustmentGroup: {
            id: context.newId('InventoryAdjustmentGroup'),
            createdAt: now,
            reason: input.reason,
            referenceDocumentUri: input.referenceDocumentUri ?? null,
            changes: () => [],
          },
          userErrors: [],
        };
      }
      shop.idempotency.set(key, { request, answer });
      return answer;
    },

    customerCreate: (args: Args) => {
      const input = args.input as Record<string, unknown> & {
        email?: string;
        tags?: string[];
        metafields?: FakeMetafield[];
      };
      if (
        input.email &&
        [...shop.customers.values()].some((customer) => customer.email?.toLowerCase() === input.email?.toLowerCase())
      ) {
        return { customer: null, userErrors: [{ field: ['email'], message: 'Email has already been taken' }] };
      }
      if (!input.email && !input.phone && !input.firstName && !input.lastName) {
        return {
          customer: null,
          userErrors: [{ field: ['email'], message: 'A name, phone number, or email address must be present' }],
        };
      }
      const now = context.now();
      const consent = input.emailMarketingConsent as { marketingState?: string } | undefined;
      const customer: FakeCustomer = {
        id: context.newId('Customer'),
        firstName: (input.firstName as string | undefined) ?? null,
        lastName: (input.lastName as string | undefined) ?? null,
        email: input.email ?? null,
        marketingState: consent?.marketingState ?? 'NOT_SUBSCRIBED',
        phone: (input.phone as string | undefined) ?? null,
        note: (input.note as string | undefined) ?? null,
        tags: input.tags ?? [],
        locale: (input.locale as string | undefined) ?? shop.locale,
        state: 'DISABLED',
        createdAt: now,
        updatedAt: now,
        numberOfOrders: 0,
        addresses: [],
        defaultAddressId: null,
        metafields: [],
      };
      upsertMetafields(customer.metafields, input.metafields, context);
      shop.customers.set(customer.id, customer);
      return { customer: customerView(context, customer), userErrors: [] };
    },

    customerUpdate: (args: Args) => {
      const input = args.input as Record<string, unknown> & {
        id: string;
        tags?: string[];
        metafields?: FakeMetafield[];
      };
      const customer = shop.customers.get(input.id);
      if (!customer) return { customer: null, userErrors: [{ field: ['id'], message: 'Customer does not exist' }] };
      if (typeof input.email === 'string') customer.email = input.email;
      if (typeof input.firstName === 'string') customer.firstName = input.firstName;
      if (typeof input.lastName === 'string') customer.lastName = input.lastName;
      if (typeof input.note === 'string') customer.note = input.note;
      if (typeof input.locale === 'string') customer.locale = input.locale;
      if (Array.isArray(input.tags)) customer.tags = input.tags;
      const consent = input.emailMarketingConsent as { marketingState?: string } | undefined;
      if (consent?.marketingState) customer.marketingState = consent.marketingState;
      upsertMetafields(customer.metafields, input.metafields, context);
      touch(customer);
      return { customer: customerView(context, customer), userErrors: [] };
    },

    customerAddressCreate: (args: Args) => {
      const customer = shop.customers.get(args.customerId as string);
      if (!customer)
        return { address: null, userErrors: [{ field: ['customerId'], message: 'Customer does not exist' }] };
      const address = addressFrom(context, args.address as Record<string, string>);
      customer.addresses.push(address);
      if (args.setAsDefault || customer.defaultAddressId === null) customer.defaultAddressId = address.id;
      touch(customer);
      return { address, userErrors: [] };
    },

    customerAddressUpdate: (args: Args) => {
      const customer = shop.customers.get(args.customerId as string);
      const index =
        customer?.addresses.findIndex((address) => address.id.split('?')[0] === String(args.addressId).split('?')[0]) ??
        -1;
      if (!customer || index < 0)
        return { address: null, userErrors: [{ field: ['addressId'], message: 'Address does not exist' }] };
      const address = addressFrom(context, args.address as Record<string, string>, customer.addresses[index]?.id);
      customer.addresses[index] = address;
      touch(customer);
      return { address, userErrors: [] };
    },

    tagsAdd: (args: Args) => {
      const target = (shop.customers.get(args.id as string) ??
        shop.products.get(args.id as string) ??
        shop.orders.get(args.id as string)) as { tags: string[]; updatedAt: string } | undefined;
      if (!target) return { node: null, userErrors: [{ field: ['id'], message: 'Node does not exist' }] };
      target.tags = [...new Set([...target.tags, ...(args.tags as string[])])];
      touch(target);
      return { node: nodeView(context, args.id as string), userErrors: [] };
    },

    fulfillmentCreate: (args: Args) => {
      const input = args.fulfillment as {
        lineItemsByFulfillmentOrder: { fulfillmentOrderId: string }[];
        notifyCustomer?: boolean;
        trackingInfo?: { company?: string; number?: string; url?: string };
      };
      const order = [...shop.orders.values()].find((entry) =>
        entry.fulfillmentOrders.some(
          (fulfillmentOrder) => fulfillmentOrder.id === input.lineItemsByFulfillmentOrder[0]?.fulfillmentOrderId,
        ),
      );
      if (!order)
        return {
          fulfillment: null,
          userErrors: [
            { field: ['fulfillment', 'lineItemsByFulfillmentOrder'], message: 'Fulfillment order does not exist' },
          ],
        };
      for (const entry of input.lineItemsByFulfillmentOrder) {
        const fulfillmentOrder = order.fulfillmentOrders.find((candidate) => candidate.id === entry.fulfillmentOrderId);
        if (!fulfillmentOrder || (fulfillmentOrder.status !== 'OPEN' && fulfillmentOrder.status !== 'IN_PROGRESS')) {
          return {
            fulfillment: null,
            userErrors: [{ field: ['fulfillment'], message: 'Fulfillment order is not open' }],
          };
        }
        fulfillmentOrder.status = 'CLOSED';
      }
      const now = context.now();
      const fulfillment = {
        id: context.newId('Fulfillment'),
        status: 'SUCCESS',
        displayStatus: 'FULFILLED',
        createdAt: now,
        updatedAt: now,
        trackingInfo: input.trackingInfo?.number
          ? [
              {
                company: input.trackingInfo.company ?? null,
                number: input.trackingInfo.number,
                url: input.trackingInfo.url ?? null,
              },
            ]
          : [],
        notifyCustomer: input.notifyCustomer ?? false,
      };
      order.fulfillments.push(fulfillment);
      recalcFulfillment(order);
      touch(order);
      return { fulfillment, userErrors: [] };
    },

    fulfillmentTrackingInfoUpdate: (args: Args) => {
      const tracking = args.trackingInfoInput as { company?: string; number?: string; url?: string };
      for (const order of shop.orders.values()) {
        const fulfillment = order.fulfillments.find((entry) => entry.id === args.fulfillmentId);
        if (!fulfillment) continue;
        fulfillment.trackingInfo = [
          { company: tracking.company ?? null, number: tracking.number ?? null, url: tracking.url ?? null },
        ];
        fulfillment.updatedAt = context.now();
        touch(order);
        return { fulfillment, userErrors: [] };
      }
      return { fulfillment: null, userErrors: [{ field: ['fulfillmentId'], message: 'Fulfillment does not exist' }] };
    },

    fulfillmentEventCreate: (args: Args) => {
      const event = args.fulfillmentEvent as { fulfillmentId: string; status: string };
      for (const order of shop.orders.values()) {
        const fulfillment = order.fulfillments.find((entry) => entry.id === event.fulfillmentId);
        if (!fulfillment) continue;
        fulfillment.displayStatus = event.status === 'DELIVERED' ? 'DELIVERED' : event.status;
        touch(order);
        return { fulfillmentEvent: { id: context.newId('FulfillmentEvent'), status: event.status }, userErrors: [] };
      }
      return {
        fulfillmentEvent: null,
        userErrors: [{ field: ['fulfillmentEvent', 'fulfillmentId'], message: 'Fulfillment does not exist' }],
      };
    },

    orderCancel: (args: Args) => {
      const order = shop.orders.get(args.orderId as string);
      if (!order)
        return {
          job: null,
          orderCancelUserErrors: [{ field: ['orderId'], message: 'Order does not exist', code: 'NOT_FOUND' }],
        };
      if (order.cancelledAt)
        return {
          job: null,
          orderCancelUserErrors: [{ field: ['orderId'], message: 'Order has already been cancelled', code: 'INVALID' }],
        };
      order.cancelledAt = context.now();
      order.cancelReason = args.reason as string;
      for (const fulfillmentOrder of order.fulfillmentOrders)
        if (fulfillmentOrder.status !== 'CLOSED') fulfillmentOrder.status = 'CANCELLED';
      if (
        (args.refundMethod as { originalPaymentMethodsRefund?: boolean } | undefined)?.originalPaymentMethodsRefund &&
        order.displayFinancialStatus === 'PAID'
      ) {
        order.displayFinancialStatus = 'REFUNDED';
      }
      touch(order);
      return { job: { id: context.newId('Job'), done: true }, orderCancelUserErrors: [] };
    },

    orderClose: (args: Args) => {
      const order = shop.orders.get((args.input as { id: string }).id);
      if (!order) return { order: null, userErrors: [{ field: ['id'], message: 'Order does not exist' }] };
      order.closedAt = context.now();
      touch(order);
      return { order: { id: order.id, closed: true }, userErrors: [] };
    },

    orderMarkAsPaid: (args: Args) => {
      const order = shop.orders.get((args.input as { id: string }).id);
      if (!order) return { order: null, userErrors: [{ field: ['id'], message: 'Order does not exist' }] };
      if (order.displayFinancialStatus === 'PAID')
        return { order: null, userErrors: [{ field: ['id'], message: 'Order cannot be marked as paid' }] };
      order.displayFinancialStatus = 'PAID';
      order.totalReceivedSet = order.totalPriceSet;
      order.transactions.push({
        id: context.newId('OrderTransaction'),
        kind: 'SALE',
        status: 'SUCCESS',
        gateway: 'manual',
        formattedGateway: 'Manual',
        processedAt: context.now(),
        amountSet: order.totalPriceSet,
      });
      touch(order);
      return { order: { id: order.id, displayFinancialStatus: 'PAID' }, userErrors: [] };
    },

    fulfillmentOrderHold: (args: Args) => {
      for (const order of shop.orders.values()) {
        const fulfillmentOrder = order.fulfillmentOrders.find((entry) => entry.id === args.id);
        if (!fulfillmentOrder) continue;
        fulfillmentOrder.status = 'ON_HOLD';
        recalcFulfillment(order);
        touch(order);
        return {
          fulfillmentOrder: { id: fulfillmentOrder.id, status: 'ON_HOLD' },
          fulfillmentHold: null,
          remainingFulfillmentOrder: null,
          userErrors: [],
        };
      }
      return { fulfillmentOrder: null, userErrors: [{ field: ['id'], message: 'Fulfillment order does not exist' }] };
    },

    metafieldsSet: (args: Args) => {
      const inputs = args.metafields as {
        ownerId: string;
        namespace?: string;
        key: string;
        type?: string;
        value: string;
      }[];
      if (inputs.length > 25) throw new Error('metafieldsSet accepts at most 25 metafields.');
      const errors: (UserError & { elementIndex: number })[] = [];
      const set: FakeMetafield[] = [];
      inputs.forEach((input, index) => {
        const owner = (shop.orders.get(input.ownerId) ??
          shop.products.get(input.ownerId) ??
          shop.customers.get(input.ownerId)) as { metafields: FakeMetafield[]; updatedAt: string } | undefined;
        if (!owner) {
          errors.push({
            field: ['metafields', String(index), 'ownerId'],
            message: 'Owner does not exist',
            code: 'INVALID_VALUE',
            elementIndex: index,
          });
          return;
        }
        upsertMetafields(owner.metafields, [input], context);
        touch(owner);
        const stored = owner.metafields.find(
          (field) => field.namespace === (input.namespace ?? '$app') && field.key === input.key,
        );
        if (stored) set.push(stored);
      });
      return { metafields: errors.length ? null : set, userErrors: errors };
    },

    bulkOperationRunQuery: (args: Args) => {
      const { errors, operationId } = runBulk(context, args.query as string, args.groupObjects as boolean);
      if (!operationId) return { bulkOperation: null, userErrors: errors };
      const operation = shop.bulkOperations.get(operationId);
      return { bulkOperation: { id: operationId, status: operation?.status ?? 'CREATED' }, userErrors: [] };
    },

    bulkOperationCancel: (args: Args) => {
      const operation = shop.bulkOperations.get(args.id as string);
      if (!operation)
        return { bulkOperation: null, userErrors: [{ field: ['id'], message: 'Bulk operation does not exist' }] };
      if (operation.status === 'CREATED' || operation.status === 'RUNNING') operation.status = 'CANCELED';
      return { bulkOperation: { id: operation.id, status: operation.status }, userErrors: [] };
    },

    webhookSubscriptionCreate: (args: Args) => {
      const input = args.webhookSubscription as { uri?: string };
      if (!input.uri)
        return {
          webhookSubscription: null,
          userErrors: [{ field: ['webhookSubscription', 'uri'], message: "URI can't be blank" }],
        };
      const subscription = { id: context.newId('WebhookSubscription'), topic: args.topic as string, uri: input.uri };
      shop.webhookSubscriptions.push(subscription);
      return { webhookSubscription: subscription, userErrors: [] };
    },
  };
}

export { money };
