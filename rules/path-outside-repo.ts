import { defineRule } from './rule.js';

export default defineRule({
  id: 'path-outside-repo',
  title: 'A path of the setup leaves the repository',
  severity: 'error',
  messages: { pathOutsideRepo: '{{path}} is outside the repository; restage never reads or writes there' },
});
