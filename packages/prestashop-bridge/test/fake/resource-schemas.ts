/**
 * The Webservice resources the fake serves, from the PrestaShop docs' resource pages (field lists,
 * "required", translated fields, blank schemas) and `WebserviceRequest::saveEntityFromXml`: a PUT sets
 * every optional field it does not carry to empty, a required one missing is error 41, a field whose
 * setter is `false` is error 93.
 */
export interface FieldDef {
  required?: boolean;
  /** Translated (`<language id>`). */
  lang?: boolean;
  /** Shown on GET, refused on write (error 93). */
  readOnly?: boolean;
  /** Value a create gets when the field is absent. */
  initial?: string;
}

export interface AssociationDef {
  node: string;
  fields: string[];
}

export interface ResourceDef {
  node: string;
  fields: Record<string, FieldDef>;
  associations?: Record<string, AssociationDef>;
  /** Methods the resource refuses whatever the key (error 101). */
  forbidden?: string[];
  /** Has `date_add`/`date_upd` stamped by the shop. */
  dated?: 'add' | 'both';
}

const f = (names: string, def: FieldDef = {}): Record<string, FieldDef> =>
  Object.fromEntries(
    names
      .split(/\s+/)
      .filter(Boolean)
      .map((name) => [name, { ...def }]),
  );

export const resourceDefs: Record<string, ResourceDef> = {
  products: {
    node: 'product',
    dated: 'both',
    fields: {
      ...f(
        'id_manufacturer id_supplier id_category_default new cache_default_attribute id_default_image id_default_combination ' +
          'id_tax_rules_group position_in_category type id_shop_default reference supplier_reference location width height ' +
          'depth weight quantity_discount ean13 isbn upc mpn cache_is_pack cache_has_attachments is_virtual state ' +
          'additional_delivery_times on_sale online_only ecotax minimal_quantity low_stock_threshold low_stock_alert ' +
          'wholesale_price unity unit_price_ratio additional_shipping_cost customizable text_fields uploadable_files active ' +
          'redirect_type id_type_redirected available_for_order available_date show_condition condition show_price indexed ' +
          'visibility advanced_stock_management pack_stock_type',
      ),
      price: { required: true },
      manufacturer_name: { readOnly: true },
      quantity: { readOnly: true },
      ...f(
        'delivery_in_stock delivery_out_stock meta_description meta_keywords meta_title link_rewrite name description ' +
          'description_short available_now available_later',
        { lang: true },
      ),
    },
    associations: {
      categories: { node: 'category', fields: ['id'] },
      images: { node: 'image', fields: ['id'] },
      combinations: { node: 'combination', fields: ['id'] },
      product_option_values: { node: 'product_option_value', fields: ['id'] },
      product_features: { node: 'product_feature', fields: ['id', 'id_feature_value'] },
      tags: { node: 'tag', fields: ['id'] },
      stock_availables: { node: 'stock_available', fields: ['id', 'id_product_attribute'] },
      attachments: { node: 'attachment', fields: ['id'] },
      accessories: { node: 'product', fields: ['id'] },
      product_bundle: { node: 'product', fields: ['id', 'id_product_attribute', 'quantity'] },
    },
  },
  combinations: {
    node: 'combination',
    fields: {
      id_product: { required: true },
      minimal_quantity: { required: true },
      ...f(
        'location ean13 isbn upc mpn quantity reference supplier_reference wholesale_price price ecotax weight ' +
          'unit_price_impact low_stock_threshold low_stock_alert default_on available_date',
      ),
    },
    associations: {
      product_option_values: { node: 'product_option_value', fields: ['id'] },
      images: { node: 'image', fields: ['id'] },
    },
  },
  stock_availables: {
    node: 'stock_available',
    forbidden: ['POST', 'DELETE'],
    fields: {
      ...f('id_product id_product_attribute quantity depends_on_stock out_of_stock', { required: true }),
      ...f('id_shop id_shop_group location'),
    },
  },
  specific_prices: {
    node: 'specific_price',
    fields: {
      ...f(
        'id_shop id_cart id_product id_currency id_country id_group id_customer price from_quantity reduction reduction_tax ' +
          'reduction_type from to',
        { required: true },
      ),
      ...f('id_shop_group id_product_attribute id_specific_price_rule'),
    },
  },
  categories: {
    node: 'category',
    dated: 'both',
    fields: {
      ...f('id_parent id_shop_default is_root_category position'),
      level_depth: { readOnly: true },
      nb_products_recursive: { readOnly: true },
      active: { required: true },
      name: { lang: true, required: true },
      link_rewrite: { lang: true, required: true },
      ...f('description meta_title meta_description meta_keywords', { lang: true }),
    },
    associations: {
      categories: { node: 'category', fields: ['id'] },
      products: { node: 'product', fields: ['id'] },
    },
  },
  manufacturers: {
    node: 'manufacturer',
    dated: 'both',
    fields: {
      active: {},
      name: { required: true },
      ...f('description short_description meta_title meta_description meta_keywords', { lang: true }),
    },
  },
  suppliers: {
    node: 'supplier',
    dated: 'both',
    fields: {
      active: {},
      name: { required: true },
      ...f('description meta_title meta_description meta_keywords', { lang: true }),
    },
  },
  product_features: { node: 'product_feature', fields: { position: {}, name: { lang: true, required: true } } },
  product_feature_values: {
    node: 'product_feature_value',
    fields: { id_feature: { required: true }, custom: {}, value: { lang: true, required: true } },
  },
  product_options: {
    node: 'product_option',
    fields: {
      is_color_group: {},
      group_type: { required: true },
      position: {},
      name: { lang: true, required: true },
      public_name: { lang: true, required: true },
    },
    associations: { product_option_values: { node: 'product_option_value', fields: ['id'] } },
  },
  product_option_values: {
    node: 'product_option_value',
    fields: { id_attribute_group: { required: true }, color: {}, position: {}, name: { lang: true, required: true } },
  },
  customers: {
    node: 'customer',
    dated: 'both',
    fields: {
      ...f(
        'id_default_group id_lang newsletter_date_add ip_registration_newsletter deleted id_gender birthday newsletter optin ' +
          'website company siret ape outstanding_allow_amount show_public_prices id_risk max_payment_days active note ' +
          'is_guest id_shop id_shop_group reset_password_token reset_password_validity',
      ),
      last_passwd_gen: { readOnly: true },
      secure_key: { readOnly: true },
      ...f('passwd lastname firstname email', { required: true }),
    },
    associations: { groups: { node: 'group', fields: ['id'] } },
  },
  addresses: {
    node: 'address',
    dated: 'both',
    fields: {
      ...f(
        'id_customer id_manufacturer id_supplier id_warehouse id_state company vat_number address2 postcode other phone phone_mobile dni deleted',
      ),
      ...f('id_country alias lastname firstname address1 city', { required: true }),
    },
  },
  groups: {
    node: 'group',
    dated: 'both',
    fields: {
      reduction: {},
      price_display_method: { required: true },
      show_prices: {},
      name: { lang: true, required: true },
    },
  },
  orders: {
    node: 'order',
    dated: 'both',
    fields: {
      ...f('id_address_delivery id_address_invoice id_cart id_currency id_lang id_customer id_carrier module payment', {
        required: true,
      }),
      ...f('total_paid total_paid_real total_products total_products_wt conversion_rate', { required: true }),
      ...f(
        'invoice_number invoice_date delivery_number delivery_date valid shipping_number note id_shop_group id_shop ' +
          'recyclable gift gift_message mobile_theme total_discounts total_discounts_tax_incl total_discounts_tax_excl ' +
          'total_paid_tax_incl total_paid_tax_excl total_shipping total_shipping_tax_incl total_shipping_tax_excl ' +
          'carrier_tax_rate total_wrapping total_wrapping_tax_incl total_wrapping_tax_excl round_mode round_type reference',
      ),
      current_state: { readOnly: true },
      secure_key: { readOnly: true },
    },
    associations: {
      order_rows: {
        node: 'order_row',
        fields: [
          'id',
          'product_id',
          'product_attribute_id',
          'product_quantity',
          'product_name',
          'product_reference',
          'product_ean13',
          'product_isbn',
          'product_upc',
          'product_price',
          'id_customization',
          'unit_price_tax_incl',
          'unit_price_tax_excl',
        ],
      },
    },
  },
  order_details: {
    node: 'order_detail',
    fields: {
      ...f('id_order id_warehouse id_shop product_name product_quantity product_price', { required: true }),
      ...f(
        'product_id product_attribute_id product_quantity_reinjected group_reduction discount_quantity_applied download_hash ' +
          'download_deadline id_order_invoice id_customization product_quantity_in_stock product_quantity_return ' +
          'product_quantity_refunded reduction_percent reduction_amount reduction_amount_tax_incl reduction_amount_tax_excl ' +
          'product_quantity_discount product_ean13 product_isbn product_upc product_mpn product_reference ' +
          'product_supplier_reference product_weight tax_computation_method id_tax_rules_group ecotax ecotax_tax_rate ' +
          'download_nb unit_price_tax_incl unit_price_tax_excl total_price_tax_incl total_price_tax_excl ' +
          'total_shipping_price_tax_excl total_shipping_price_tax_incl purchase_supplier_price original_product_price ' +
          'original_wholesale_price total_refunded_tax_excl total_refunded_tax_incl',
      ),
    },
    associations: { taxes: { node: 'tax', fields: ['id'] } },
  },
  order_histories: {
    node: 'order_history',
    dated: 'add',
    fields: { id_employee: {}, id_order_state: { required: true }, id_order: { required: true } },
  },
  order_carriers: {
    node: 'order_carrier',
    dated: 'add',
    fields: {
      id_order: { required: true },
      id_carrier: { required: true },
      ...f('id_order_invoice weight shipping_cost_tax_excl shipping_cost_tax_incl tracking_number'),
    },
  },
  order_payments: {
    node: 'order_payment',
    dated: 'add',
    fields: {
      ...f('id_currency amount', { required: true }),
      ...f(
        'order_reference payment_method conversion_rate transaction_id card_number card_brand card_expiration card_holder',
      ),
    },
  },
  order_invoices: {
    node: 'order_invoice',
    dated: 'add',
    fields: {
      ...f('id_order number', { required: true }),
      ...f(
        'delivery_number delivery_date total_discount_tax_excl total_discount_tax_incl total_paid_tax_excl total_paid_tax_incl ' +
          'total_products total_products_wt total_shipping_tax_excl total_shipping_tax_incl shipping_tax_computation_method ' +
          'total_wrapping_tax_excl total_wrapping_tax_incl shop_address note',
      ),
    },
  },
  order_cart_rules: {
    node: 'order_cart_rule',
    fields: {
      ...f('id_order id_cart_rule name value value_tax_excl', { required: true }),
      ...f('id_order_invoice free_shipping deleted'),
    },
  },
  cart_rules: {
    node: 'cart_rule',
    dated: 'both',
    fields: { ...f('code active quantity'), name: { lang: true, required: true } },
  },
  order_states: {
    node: 'order_state',
    fields: {
      ...f(
        'unremovable delivery hidden send_email module_name invoice color logable shipped paid pdf_delivery pdf_invoice deleted',
      ),
      name: { lang: true, required: true },
      template: { lang: true },
    },
  },
  customer_threads: {
    node: 'customer_thread',
    dated: 'both',
    fields: {
      ...f('id_lang id_contact token', { required: true }),
      ...f('id_shop id_customer id_order id_product email status'),
    },
    associations: { customer_messages: { node: 'customer_message', fields: ['id'] } },
  },
  customer_messages: {
    node: 'customer_message',
    dated: 'both',
    fields: {
      message: { required: true },
      ...f('id_employee id_customer_thread ip_address file_name user_agent private read'),
    },
  },
  messages: {
    node: 'message',
    dated: 'add',
    fields: { message: { required: true }, ...f('id_cart id_order id_customer id_employee private') },
  },
  carriers: {
    node: 'carrier',
    fields: {
      ...f('name active', { required: true }),
      ...f(
        'deleted is_module id_tax_rules_group id_reference is_free url shipping_handling shipping_external range_behavior ' +
          'shipping_method max_width max_height max_depth max_weight grade external_module_name need_range position',
      ),
      delay: { lang: true, required: true },
    },
  },
  currencies: {
    node: 'currency',
    fields: {
      ...f('iso_code conversion_rate', { required: true }),
      ...f('symbol numeric_iso_code precision deleted active'),
      name: { lang: true },
    },
  },
  countries: {
    node: 'country',
    fields: {
      ...f('id_zone iso_code contains_states need_identification_number display_tax_label', { required: true }),
      ...f('id_currency call_prefix active need_zip_code zip_code_format'),
      name: { lang: true, required: true },
    },
  },
  states: { node: 'state', fields: { ...f('id_zone id_country iso_code name', { required: true }), active: {} } },
  taxes: {
    node: 'tax',
    fields: { rate: { required: true }, ...f('active deleted'), name: { lang: true, required: true } },
  },
  tax_rules: {
    node: 'tax_rule',
    fields: {
      ...f('id_tax_rules_group id_country id_tax', { required: true }),
      ...f('id_state zipcode_from zipcode_to behavior description'),
    },
  },
  tax_rule_groups: {
    node: 'tax_rule_group',
    dated: 'both',
    fields: { name: { required: true }, ...f('active deleted') },
  },
  shops: {
    node: 'shop',
    fields: { ...f('id_shop_group id_category name', { required: true }), ...f('active deleted color theme_name') },
  },
  languages: {
    node: 'language',
    fields: {
      ...f('name iso_code date_format_lite date_format_full', { required: true }),
      ...f('locale language_code active is_rtl'),
    },
  },
  configurations: {
    node: 'configuration',
    dated: 'both',
    fields: { name: { required: true }, ...f('value id_shop_group id_shop') },
  },
  translated_configurations: {
    node: 'translated_configuration',
    dated: 'both',
    fields: { name: { required: true }, ...f('id_shop_group id_shop'), value: { lang: true } },
  },
};
