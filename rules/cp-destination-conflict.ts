import { defineRule } from './rule.js';

export default defineRule<'dest' | 'reason'>({
  id: 'cp-destination-conflict',
  title: 'Where docker cp would put the artifact depends on state restage cannot see',
  severity: 'error',
  message: 'docker cp destination {{dest}}: {{reason}}',
});
