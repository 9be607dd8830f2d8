import { defineRule } from './rule.js';

export default defineRule({
  id: 'unresolved-value',
  title: 'A path, tag or container restage must know statically depends on run-time values',
  severity: 'error',
  messages: { unresolvedValue: '{{what}} {{raw}} cannot be resolved statically; refusing to guess' },
});
