import { defineRule } from './rule.js';

export default defineRule<'detail'>({
  id: 'io-error',
  title: 'A file could not be read or written',
  severity: 'error',
  message: '{{detail}}',
});
