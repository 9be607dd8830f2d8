import { defineRule } from './rule.js';

export default defineRule({
  id: 'copy-form-unsupported',
  title: 'A COPY/ADD that may read the artifact is in a form restage does not rewrite',
  severity: 'error',
  messages: { copyFormUnsupported: 'this COPY/ADD in {{form}} may read the extracted artifact; restage does not rewrite that form' },
});
