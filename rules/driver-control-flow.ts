import { defineRule } from './rule.js';

export default defineRule<'construct'>({
  id: 'driver-control-flow',
  title: 'A docker step of the setup is inside control flow restage does not follow',
  severity: 'error',
  message: '{{construct}} here runs docker or touches the artifact; restage only follows straight-line scripts and && chains',
});
