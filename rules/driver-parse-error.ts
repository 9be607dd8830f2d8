import { defineRule } from './rule.js';

export default defineRule({
  id: 'driver-parse-error',
  title: 'A JS/TS, package.json or CI driver that mentions docker does not parse',
  severity: 'error',
  messages: { driverParseError: 'this {{kind}} does not parse here ({{detail}}); refusing to guess what it runs' },
});
