import { defineRule } from './rule.js';

export default defineRule<'kind' | 'detail'>({
  id: 'driver-parse-error',
  title: 'A JS/TS, package.json or CI driver that mentions docker does not parse',
  severity: 'error',
  message: 'this {{kind}} does not parse here ({{detail}}); refusing to guess what it runs',
});
