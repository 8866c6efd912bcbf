/**
 * WooCommerce REST v3 payloads, as the plug-in's controllers answer them (woocommerce-rest-api-docs
 * `wp-api-v3`). Only the fields the bridge reads or writes; dates without a suffix are site-local,
 * `_gmt` ones are UTC without a zone designator.
 */

export interface WooMeta {
  id?: number;
  key: string;
  value: unknown;
}

export interface WooImage {
  id: number;
  src: string;
  name: string;
  alt: string;
  position?: number;
}

export interface WooProductAttribute {
  id: number;
  name: string;
  position?: number;
  visible?: boolean;
  variation?: boolean;
  options: string[];
}

export interface WooVariationAttribute {
  id: number;
  name: string;
  option: string;
}

export interface WooDimensions {
  length: string;
  width: string;
  height: string;
}

export type WooStockStatus = 'instock' | 'outofstock' | 'onbackorder';

export interface WooProduct {
  id: number;
  name: string;
  slug: string;
  date_created_gmt: string | null;
  date_modified_gmt: string | null;
  type: 'simple' | 'variable' | 'grouped' | 'external' | 'variation' | string;
  status: 'publish' | 'draft' | 'pending' | 'private' | string;
  catalog_visibility?: 'visible' | 'catalog' | 'search' | 'hidden';
  description: string;
  short_description: string;
  sku: string;
  price?: string;
  regular_price: string;
  sale_price: string;
  date_on_sale_from_gmt: string | null;
  date_on_sale_to_gmt: string | null;
  tax_status?: string;
  tax_class: string;
  manage_stock: boolean | 'parent';
  stock_quantity: number | null;
  stock_status: WooStockStatus;
  backorders?: string;
  weight: string;
  dimensions: WooDimensions;
  upsell_ids: number[];
  cross_sell_ids: number[];
  related_ids?: number[];
  parent_id: number;
  categories: { id: number; name: string; slug: string }[];
  images: WooImage[];
  attributes: WooProductAttribute[];
  variations: number[];
  meta_data: WooMeta[];
  /** WooCommerce 9.2+: GTIN, UPC, EAN or ISBN. */
  global_unique_id?: string;
  /** WooCommerce 9.6+ Brands, or Perfect Brands. */
  brands?: { id: number; name: string; slug: string }[];
  /** WPML / WooCommerce Multilingual. */
  lang?: string;
  translations?: Record<string, number>;
}

export interface WooVariation {
  id: number;
  date_created_gmt: string | null;
  date_modified_gmt: string | null;
  description: string;
  sku: string;
  price?: string;
  regular_price: string;
  sale_price: string;
  date_on_sale_from_gmt: string | null;
  date_on_sale_to_gmt: string | null;
  status: 'publish' | 'private' | string;
  tax_class: string;
  manage_stock: boolean | 'parent';
  stock_quantity: number | null;
  stock_status: WooStockStatus;
  weight: string;
  dimensions: WooDimensions;
  image: WooImage | null;
  attributes: WooVariationAttribute[];
  menu_order?: number;
  meta_data: WooMeta[];
  global_unique_id?: string;
}

export interface WooCategory {
  id: number;
  name: string;
  slug: string;
  parent: number;
  description: string;
  menu_order: number;
  count?: number;
}

export interface WooAddress {
  first_name: string;
  last_name: string;
  company: string;
  address_1: string;
  address_2: string;
  city: string;
  state: string;
  postcode: string;
  country: string;
  email?: string;
  phone?: string;
}

export interface WooCustomer {
  id: number;
  date_created_gmt: string | null;
  date_modified_gmt: string | null;
  email: string;
  first_name: string;
  last_name: string;
  role: string;
  username: string;
  billing: WooAddress;
  shipping: WooAddress;
  is_paying_customer: boolean;
  meta_data: WooMeta[];
}

export interface WooLineTax {
  id: number;
  total: string;
  subtotal: string;
}

export interface WooLineItem {
  id: number;
  name: string;
  product_id: number;
  variation_id: number;
  quantity: number;
  tax_class: string;
  subtotal: string;
  subtotal_tax: string;
  total: string;
  total_tax: string;
  taxes: WooLineTax[];
  meta_data: WooMeta[];
  sku: string | null;
  price: number;
}

export interface WooTaxLine {
  id: number;
  rate_code: string;
  rate_id: number;
  label: string;
  compound: boolean;
  tax_total: string;
  shipping_tax_total: string;
  /** WooCommerce 5.7+. */
  rate_percent?: number;
}

export interface WooShippingLine {
  id: number;
  method_title: string;
  method_id: string;
  instance_id?: string;
  total: string;
  total_tax: string;
  taxes: { id: number; total: string }[];
}

export interface WooFeeLine {
  id: number;
  name: string;
  tax_class: string;
  tax_status: string;
  total: string;
  total_tax: string;
  taxes: { id: number; total: string; subtotal?: string }[];
}

export interface WooCouponLine {
  id: number;
  code: string;
  discount: string;
  discount_tax: string;
}

export interface WooOrderRefundRef {
  id: number;
  reason: string;
  total: string;
}

export interface WooOrder {
  id: number;
  parent_id: number;
  number: string;
  status: string;
  currency: string;
  date_created_gmt: string;
  date_modified_gmt: string;
  date_paid_gmt: string | null;
  date_completed_gmt: string | null;
  discount_total: string;
  discount_tax: string;
  shipping_total: string;
  shipping_tax: string;
  cart_tax: string;
  total: string;
  total_tax: string;
  prices_include_tax: boolean;
  customer_id: number;
  customer_note: string;
  billing: WooAddress;
  shipping: WooAddress;
  payment_method: string;
  payment_method_title: string;
  transaction_id: string;
  meta_data: WooMeta[];
  line_items: WooLineItem[];
  tax_lines: WooTaxLine[];
  shipping_lines: WooShippingLine[];
  fee_lines: WooFeeLine[];
  coupon_lines: WooCouponLine[];
  refunds: WooOrderRefundRef[];
}

export interface WooOrderNote {
  id: number;
  author: string;
  date_created_gmt: string;
  note: string;
  customer_note: boolean;
}

export interface WooRefund {
  id: number;
  date_created_gmt: string;
  amount: string;
  reason: string;
  refunded_payment: boolean;
}

export interface WooBatchItemError {
  code: string;
  message: string;
  data?: { status?: number };
}

/** One result of a `/batch` call: the resource, or `{ id, error }` when that item failed alone. */
export type WooBatchResult<T> = T | { id: number; error: WooBatchItemError };

export interface WooBatchResponse<T> {
  create?: WooBatchResult<T>[];
  update?: WooBatchResult<T>[];
  delete?: WooBatchResult<T>[];
}

export interface WooTaxRate {
  id: number;
  country: string;
  state: string;
  rate: string;
  name: string;
  priority: number;
  compound: boolean;
  shipping: boolean;
  class: string;
}

export interface WooWebhook {
  id: number;
  name: string;
  status: 'active' | 'paused' | 'disabled' | string;
  topic: string;
  delivery_url: string;
}
