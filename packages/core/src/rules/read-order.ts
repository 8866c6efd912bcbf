import type { Order } from '../contracts/index.js';
import type { Settings } from '../settings/index.js';

/** Rounds a decimal string half away from zero to `places`, exactly (no floats). */
export function roundDecimal(value: string, places: number): string {
  const negative = value.startsWith('-');
  const [whole = '0', fraction = ''] = (negative ? value.slice(1) : value).split('.');
  if (fraction.length <= places) return value;
  const scaled = BigInt(whole + fraction.slice(0, places).padEnd(places, '0'));
  const roundUp = Number(fraction[places]) >= 5;
  const result = (scaled + (roundUp ? 1n : 0n)).toString().padStart(places + 1, '0');
  const body = places === 0 ? result : `${result.slice(0, -places)}.${result.slice(-places)}`;
  return negative && /[1-9]/.test(body) ? `-${body}` : body;
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
    unitPriceExcl: roundDecimal(line.unitPriceExcl, options.priceDecimals),
    unitPriceIncl: roundDecimal(line.unitPriceIncl, options.priceDecimals),
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
