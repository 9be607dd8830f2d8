import { defineRule } from './rule.js';

export default defineRule({
  id: 'host-step-between-extraction-and-build',
  title: 'A host command changes an extracted artifact before the runtime image is built',
  severity: 'error',
  messages: {
    hostStepBetweenExtractionAndBuild:
      '{{command}} touches the extracted {{artifact}} between its extraction and the build that copies it; restage translates only chmod, mv, cp -p/-a and mkdir of the destination',
  },
});
