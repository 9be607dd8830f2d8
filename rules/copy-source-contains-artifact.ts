import { defineRule } from './rule.js';

export default defineRule({
  id: 'copy-source-contains-artifact',
  title: 'A COPY/ADD source includes the extracted artifact together with other context files',
  severity: 'error',
  messages: {
    copySourceContainsArtifact:
      '{{source}} copies the extracted {{artifact}} along with other files of the context; a COPY --from cannot reproduce that exactly',
  },
});
