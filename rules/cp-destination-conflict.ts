import { defineRule } from './rule.js';

export default defineRule({
  id: 'cp-destination-conflict',
  title: 'Where docker cp would put the artifact depends on state restage cannot see',
  severity: 'error',
  messages: {
    cpDestinationConflict: 'docker cp destination {{dest}}: {{reason}}',
    outputDestination: 'docker build --output {{dest}}: {{reason}}',
  },
});
