import { problemSchema } from '../schemas/common.js';

// Documented error answers shared by every authenticated route.
export const errorResponses = { '4xx': problemSchema } as const;
