import { type Order, roundDecimal } from '../contracts/index.js';
import type { Settings } from '../settings/index.js';

/** At most `places` decimals: a price with fewer is left as it came (`"19.9"` stays `"19.9"`). */
function atMostPlaces(value: string, places: number): string {
  const fraction = value.split('.')[1] ?? '';
  return fraction.length <= places ? value : roundDecimal(value, places);
}

/**
 * Shapes an order for the cloud as the admin set order reading (spec §3.1 "Lecture des
 * commandes"): which messages, price precision, the guest account, where the payment mode
 * comes from, and marketplace payment modules. Amounts are transported, never recomputed.
 */
export function readOrder(order: Order, settings: Settings): Order {
  const options = settings.orders.read;
  const shaped: Order = { ...order };

  if (options.messages === 'none') shaped.messages = [];
  else if (options.messages === 'customer') {
    shaped.messages = order.messages.filter((message) => message.author === 'customer' && !message.private);
  }

  shaped.lines = order.lines.map((line) => ({
    ...line,
    unitPriceExcl: atMostPlaces(line.unitPriceExcl, options.priceDecimals),
    unitPriceIncl: atMostPlaces(line.unitPriceIncl, options.priceDecimals),
  }));

  if (order.guest && options.guestAccount) {
    shaped.customer = { ...order.customer, reference: options.guestAccount };
  }

  const method = { ...order.paymentMethod };
  if (options.paymentModeSource === 'paymentName' && method.name) method.module = method.name;
  if (options.paymentModeSource === 'transaction') {
    const first = order.payments[0];
    if (first?.module) method.module = first.module;
  }
  const custom = options.customPaymentModules.find((code) =>
    [method.module, method.name].some((value) => value?.toUpperCase().includes(code)),
  );
  if (custom) method.module = custom;
  shaped.paymentMethod = method;

  return shaped;
}
