import { ExpressionError } from '../expression/index.js';

/** An expression asked for data that is not there, with n8n's wording in `message` and the detail in `description`. */
export class ExpressionDataError extends ExpressionError {}
