import type { NodeType } from '@budflow/runtime';
import { crypto } from './crypto/crypto.js';
import { dateTime } from './date-time/date-time.js';
import { debugHelper } from './debug-helper/debug-helper.js';
import { executeWorkflowTrigger } from './execute-workflow-trigger/execute-workflow-trigger.js';
import { executeWorkflow } from './execute-workflow/execute-workflow.js';
import { functionItem } from './function-item/function-item.js';
import { functionNode } from './function/function.js';
import { n8nTrainingCustomerMessenger } from './n8n-training-customer-messenger/n8n-training-customer-messenger.js';
import { splitInBatches } from './split-in-batches/split-in-batches.js';
import { stopAndError } from './stop-and-error/stop-and-error.js';
import { wait } from './wait/wait.js';

/**
 * See registry.ts: the flow group of nodes. Loops, waits, sub-workflows, errors, dates and crypto, the
 * legacy Function nodes, and n8n's test and training helpers (the Customer Datastore is in the transform group).
 */
export const FLOW_NODES: readonly NodeType[] = [
  splitInBatches,
  wait,
  executeWorkflow,
  executeWorkflowTrigger,
  stopAndError,
  dateTime,
  crypto,
  functionNode,
  functionItem,
  n8nTrainingCustomerMessenger,
  debugHelper,
];
