import { defineRule } from './rule.js';

export default defineRule({
  id: 'driver-control-flow',
  title: 'A docker step of the setup is inside control flow restage does not follow',
  severity: 'error',
  messages: { driverControlFlow: '{{construct}} here {{detail}}' },
});
