import { defineRule } from './rule.js';

export default defineRule({
  id: 'shell-parse-error',
  title: 'A driver script that mentions docker does not parse as sh/bash',
  severity: 'error',
  messages: { shellParseError: 'the script does not parse as sh/bash here ({{detail}}); refusing to guess what it runs' },
});
