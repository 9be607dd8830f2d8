import { defineRule } from './rule.js';

export default defineRule<'construct' | 'detail'>({
  id: 'driver-control-flow',
  title: 'A docker step of the setup is inside control flow restage does not follow',
  severity: 'error',
  message: '{{construct}} here {{detail}}',
});
