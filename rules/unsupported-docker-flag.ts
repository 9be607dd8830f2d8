import { defineRule } from './rule.js';

export default defineRule({
  id: 'unsupported-docker-flag',
  title: 'A docker flag changes what the migration would have to reproduce, and restage does not reproduce it yet',
  severity: 'error',
  messages: { unsupportedDockerFlag: 'docker {{command}} {{flag}}: {{reason}}; refusing to migrate' },
});
