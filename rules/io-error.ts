import { defineRule } from './rule.js';

export default defineRule({
  id: 'io-error',
  title: 'A file could not be read or written',
  severity: 'error',
  messages: { ioError: '{{detail}}' },
});
