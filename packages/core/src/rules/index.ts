/**
 * @module
 * The sync rules: pure functions that decide what a write may touch and how orders are read.
 * Bridges never re-decide any of this.
 */
export { type DayGroup, dayOf, GROUP_ID_PREFIX, type GroupByDayResult, groupOrdersByDay } from './group-by-day.js';
export { type CustomerPlan, matchCustomer, normaliseEmail, planCustomerWrite } from './plan-customer.js';
export { type ProductPlan, planProductWrite, splitCategories, type VariantPlan } from './plan-product.js';
export { planCategoryWrite, planCustomerGroupWrite, planPriceWrite } from './plan-simple.js';
export { planStatusUpdate, type StatusDecision } from './plan-status.js';
export { type FieldPlan, type PlanAction, type PlanFieldsInput, planFields } from './plan-write.js';
export { readOrder } from './read-order.js';
export { isStaleWrite, STALE_REASON } from './stale-guard.js';
export { applyStockPolicy, type StockDecision, type StockPolicyInput } from './stock-policy.js';
