import { defineRule } from './rule.js';

export default defineRule({
  id: 'extraction-not-consumed',
  title: 'An extracted artifact is not copied by any later build of the driver',
  severity: 'error',
  messages: {
    extractionNotConsumed:
      'the extracted {{artifact}} is not copied by a later docker build of this driver; removing the extraction could lose an artifact that is needed on the host',
  },
});
