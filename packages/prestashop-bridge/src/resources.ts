/**
 * The Webservice resources the bridge uses: the element name of one item (what a single GET answers
 * under, and the root of a write body), and the fields a full PUT must not carry back.
 */
export const resourceNodes = {
  addresses: 'address',
  carriers: 'carrier',
  cart_rules: 'cart_rule',
  categories: 'category',
  combinations: 'combination',
  configurations: 'configuration',
  countries: 'country',
  currencies: 'currency',
  customer_messages: 'customer_message',
  customer_threads: 'customer_thread',
  customers: 'customer',
  groups: 'group',
  languages: 'language',
  manufacturers: 'manufacturer',
  messages: 'message',
  order_carriers: 'order_carrier',
  order_cart_rules: 'order_cart_rule',
  order_details: 'order_detail',
  order_histories: 'order_history',
  order_invoices: 'order_invoice',
  order_payments: 'order_payment',
  order_states: 'order_state',
  orders: 'order',
  product_feature_values: 'product_feature_value',
  product_features: 'product_feature',
  product_option_values: 'product_option_value',
  product_options: 'product_option',
  products: 'product',
  shops: 'shop',
  specific_prices: 'specific_price',
  states: 'state',
  stock_availables: 'stock_available',
  suppliers: 'supplier',
  tax_rule_groups: 'tax_rule_group',
  tax_rules: 'tax_rule',
  taxes: 'tax',
  translated_configurations: 'translated_configuration',
} as const;

export type PsResource = keyof typeof resourceNodes;

/**
 * Fields a GET shows but a PUT refuses ("parameter … not writable", error 93) or must not replay:
 * a read-modify-write strips them. `current_state` would change the order's status outside
 * `order_histories`, which is the only business path for it.
 */
export const notWritableFields: Partial<Record<PsResource, readonly string[]>> = {
  products: ['manufacturer_name', 'quantity'],
  categories: ['level_depth', 'nb_products_recursive'],
  orders: ['current_state'],
};

/** `products` → `product`: the element of one item. */
export function nodeOf(resource: PsResource): string {
  return resourceNodes[resource];
}
