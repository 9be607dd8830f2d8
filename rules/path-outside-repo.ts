import { defineRule } from './rule.js';

export default defineRule<'path'>({
  id: 'path-outside-repo',
  title: 'A path of the setup leaves the repository',
  severity: 'error',
  message: '{{path}} is outside the repository; restage never reads or writes there',
});
