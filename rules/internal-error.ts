import { defineRule } from './rule.js';

export default defineRule({
  id: 'internal-error',
  title: 'restage failed on this input; nothing was written',
  severity: 'error',
  messages: { internalError: 'internal error: {{detail}}' },
});
