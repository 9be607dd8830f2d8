import { defineRule } from './rule.js';

export default defineRule<'command' | 'flag' | 'reason'>({
  id: 'unsupported-docker-flag',
  title: 'A docker flag changes what the migration would have to reproduce, and restage does not reproduce it yet',
  severity: 'error',
  message: 'docker {{command}} {{flag}}: {{reason}}; refusing to migrate',
});
