import { defineRule } from './rule.js';

export default defineRule<'detail'>({
  id: 'shell-parse-error',
  title: 'A driver script that mentions docker does not parse as sh/bash',
  severity: 'error',
  message: 'the script does not parse as sh/bash here ({{detail}}); refusing to guess what it runs',
});
