// Types of the validator scripts/compile-compose-spec.mjs generates into compose-spec-2_26_1.js (not
// kept in git: `npm run build` and the test setup write it from schema/compose-spec/).
import type { Validate } from '../schema-types.js';

export declare const validate: Validate;
