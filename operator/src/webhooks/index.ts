// The operator's side of the webhook gateway: trigger messages become Executions, their outcomes go back.
export * from './webhook-executions.js';
