import { defineRule } from './rule.js';

/**
 * The safety net of artifact-first detection: a file a docker command writes that an image build
 * reads, which the planner could not turn into a migration. Reported so that a setup is never silent.
 */
export default defineRule({
  id: 'unrecognised-extraction',
  title: 'A file a docker command writes is read by an image build, in a way restage cannot migrate',
  severity: 'error',
  messages: { unrecognisedExtraction: '{{producer}} writes {{path}}, which {{consumer}} reads; {{why}}; refusing' },
});
