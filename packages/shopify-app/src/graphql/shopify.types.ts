/** The shapes of this package's own selections (src/graphql), as Shopify answers them. */

export interface PageInfo {
  hasNextPage: boolean;
  endCursor: string | null;
}

export interface Connection<T> {
  pageInfo?: PageInfo;
  nodes: T[];
}

export interface MoneyV2 {
  amount: string;
  currencyCode: string;
}

export interface MoneyBag {
  shopMoney: MoneyV2;
  presentmentMoney: MoneyV2;
}

export interface MailingAddressNode {
  id: string;
  firstName: string | null;
  lastName: string | null;
  company: string | null;
  address1: string | null;
  address2: string | null;
  zip: string | null;
  city: string | null;
  province: string | null;
  provinceCode: string | null;
  countryCodeV2: string | null;
  phone: string | null;
}

export interface WeightNode {
  unit: 'GRAMS' | 'KILOGRAMS' | 'OUNCES' | 'POUNDS';
  value: number;
}

export interface VariantNode {
  id: string;
  sku: string | null;
  barcode: string | null;
  price: string;
  compareAtPrice: string | null;
  inventoryQuantity: number | null;
  position: number;
  updatedAt: string;
  selectedOptions: { name: string; value: string }[];
  inventoryItem: { id: string; tracked: boolean; measurement: { weight: WeightNode | null } | null };
}

export interface MediaNode {
  id?: string;
  alt?: string | null;
  image?: { url: string } | null;
}

export interface ProductNode {
  id: string;
  handle: string;
  title: string;
  descriptionHtml: string;
  vendor: string;
  productType: string;
  status: 'ACTIVE' | 'ARCHIVED' | 'DRAFT' | 'UNLISTED';
  tags: string[];
  updatedAt: string;
  hasOnlyDefaultVariant: boolean;
  seo: { title: string | null; description: string | null };
  reference: { value: string } | null;
  media: Connection<MediaNode>;
  variants: Connection<VariantNode>;
}

export interface CustomerNode {
  id: string;
  firstName: string | null;
  lastName: string | null;
  note: string | null;
  tags: string[];
  locale: string;
  state: 'DECLINED' | 'DISABLED' | 'ENABLED' | 'INVITED';
  createdAt: string;
  updatedAt: string;
  numberOfOrders: string | number;
  defaultEmailAddress: { emailAddress: string; marketingState: string } | null;
  defaultPhoneNumber: { phoneNumber: string } | null;
  defaultAddress: { id: string } | null;
  reference: { value: string } | null;
  addressesV2: Connection<MailingAddressNode>;
}

export interface TaxLineNode {
  title: string;
  rate: number | null;
  priceSet: MoneyBag;
}

export interface DiscountAllocationNode {
  allocatedAmountSet: MoneyBag;
  discountApplication: { __typename: string; code?: string; title?: string };
}

export interface LineItemNode {
  id: string;
  name: string;
  sku: string | null;
  quantity: number;
  weight: WeightNode | null;
  originalUnitPriceSet: MoneyBag;
  discountAllocations: DiscountAllocationNode[];
  taxLines: TaxLineNode[];
  variant: { id: string } | null;
  product: { id: string } | null;
}

export interface ShippingLineNode {
  id: string | null;
  title: string;
  code: string | null;
  source: string | null;
  carrierIdentifier: string | null;
  originalPriceSet: MoneyBag;
  discountedPriceSet: MoneyBag;
  taxLines: TaxLineNode[];
}

export interface TransactionNode {
  id: string;
  kind: string;
  status: string;
  gateway: string | null;
  formattedGateway: string | null;
  processedAt: string | null;
  amountSet: MoneyBag;
}

export interface FulfillmentNode {
  id: string;
  status: string;
  displayStatus: string | null;
  createdAt: string;
  updatedAt: string;
  trackingInfo: { company: string | null; number: string | null; url: string | null }[];
}

export interface OrderNode {
  id: string;
  name: string;
  createdAt: string;
  updatedAt: string;
  processedAt: string;
  cancelledAt: string | null;
  closedAt: string | null;
  email: string | null;
  phone: string | null;
  note: string | null;
  taxesIncluded: boolean;
  currencyCode: string;
  presentmentCurrencyCode: string;
  customerLocale: string | null;
  displayFinancialStatus: string | null;
  displayFulfillmentStatus: string;
  paymentGatewayNames: string[];
  customer: {
    id: string;
    firstName: string | null;
    lastName: string | null;
    defaultEmailAddress: { emailAddress: string } | null;
  } | null;
  billingAddress: MailingAddressNode | null;
  shippingAddress: MailingAddressNode | null;
  subtotalPriceSet: MoneyBag | null;
  totalShippingPriceSet: MoneyBag;
  totalTaxSet: MoneyBag | null;
  totalPriceSet: MoneyBag;
  totalReceivedSet: MoneyBag;
  totalDiscountsSet: MoneyBag | null;
  shippingLines: Connection<ShippingLineNode>;
  transactions: TransactionNode[];
  fulfillments: FulfillmentNode[];
  refunds: { id: string; createdAt: string | null; totalRefundedSet: MoneyBag }[];
  documentNumber: { value: string } | null;
  lineItems: Connection<LineItemNode>;
}

export interface UserError {
  field?: string[] | null;
  message: string;
  code?: string | null;
}
