import { defineRule } from './rule.js';

export default defineRule<'detail'>({
  id: 'internal-error',
  title: 'restage failed on this input; nothing was written',
  severity: 'error',
  message: 'internal error: {{detail}}',
});
