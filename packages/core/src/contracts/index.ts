/**
 * The entity contracts: zod schemas are the single source of truth for the types, the
 * endpoint's validation, the OpenAPI document and the admin page. Field metadata (`.meta()`)
 * says which update toggle governs each writable field.
 * @module
 */
export { type AcknowledgeItem, acknowledgeItemSchema } from './acknowledge-item.js';
export { type Address, type AddressType, addressSchema, addressTypes } from './address.js';
export { type Carrier, carrierSchema } from './carrier.js';
export {
  type Category,
  type CategoryParent,
  categoryParentSchema,
  categorySchema,
  categoryWriteSchema,
} from './category.js';
export { type Change, type ChangeEntity, type ChangeOp, changeEntities, changeOps, changeSchema } from './change.js';
export {
  countryCodeSchema,
  currencyCodeSchema,
  decimalString,
  emailSchema,
  idSchema,
  isoDateSchema,
  isoDateTimeSchema,
  type LocalizedText,
  languageCodeSchema,
  localizedTextSchema,
  nonNegativeDecimal,
  percentDecimal,
  referenceSchema,
  requiredLocalizedTextSchema,
  urlSchema,
} from './common.js';
export { type Customer, customerSchema, customerWriteSchema } from './customer.js';
export { type CustomerGroup, customerGroupSchema, customerGroupWriteSchema, priceDisplays } from './customer-group.js';
export {
  addDecimals,
  compareDecimals,
  DECIMAL_PATTERN,
  divideDecimals,
  isZeroDecimal,
  multiplyDecimals,
  negateDecimal,
  roundDecimal,
  subtractDecimals,
  sumDecimals,
  trimDecimal,
} from './decimal.js';
export { type Image, imageSchema } from './image.js';
export { type Invoice, type InvoiceStatus, invoiceSchema, invoiceStatuses } from './invoice.js';
export { type FieldMeta, readFieldMeta } from './meta.js';
export { type Money, moneySchema } from './money.js';
export {
  messageAuthors,
  type Order,
  type OrderCustomer,
  type OrderDiscount,
  type OrderMessage,
  type OrderTotals,
  orderCustomerSchema,
  orderDiscountSchema,
  orderMessageSchema,
  orderSchema,
  orderTotalsSchema,
  paymentMethodSchema,
  type ShippingCharge,
  type ShippingDestination,
  shippingChargeSchema,
  shippingDestinationSchema,
  wrappingSchema,
} from './order.js';
export {
  lineDiscountSchema,
  type OrderLine,
  type OrderLineKind,
  orderLineKinds,
  orderLineSchema,
} from './order-line.js';
export {
  type OrderStatus,
  type OrderStatusState,
  orderStatuses,
  orderStatusSchema,
  orderStatusValueSchema,
  orderStatusWriteSchema,
  type StatusHistoryEntry,
  statusHistoryEntrySchema,
  type WritableOrderStatus,
  writableOrderStatuses,
} from './order-status.js';
export { type Page, pageSchema } from './page.js';
export { type Payment, type PaymentStatus, paymentSchema, paymentStatuses } from './payment.js';
export {
  type Price,
  priceSchema,
  priceWriteSchema,
  type Reduction,
  reductionSchema,
  reductionTypes,
  type SpecificPrice,
  specificPriceSchema,
} from './price.js';
export {
  dimensionUnits,
  type PackItem,
  type Product,
  type ProductFeature,
  packItemSchema,
  productConditions,
  productDocumentSchema,
  productFeatureSchema,
  productSchema,
  productVisibilities,
  productWriteSchema,
  type RelatedProduct,
  relatedProductSchema,
  relatedProductTypes,
  supplierSchema,
  type Weight,
  weightSchema,
  weightUnits,
} from './product.js';
export { computeRoundingDelta, type RoundingDeltaInput } from './rounding-delta.js';
export { type Shipment, type ShipmentLine, shipmentLineSchema, shipmentSchema } from './shipment.js';
export {
  type QuantityType,
  quantityTypes,
  type StockLevel,
  type StockWrite,
  stockLevelSchema,
  stockWriteSchema,
} from './stock.js';
export { type TaxLine, taxLineSchema } from './tax-line.js';
export {
  type Variant,
  type VariantOption,
  type VariantWrite,
  variantOptionSchema,
  variantSchema,
  variantWriteSchema,
} from './variant.js';
export { type WritableEntity, writableEntitySchemas } from './writable-entities.js';
