import { defineRule } from './rule.js';

export default defineRule({
  id: 'copy-source-contains-artifact',
  title: 'A COPY/ADD source includes the extracted artifact together with other context files',
  severity: 'error',
  messages: {
    copySourceContainsArtifact:
      '{{source}} copies the extracted {{artifact}} along with other files of the context; a COPY --from cannot reproduce that exactly',
    directoryOfArtifacts:
      '{{source}} copies a directory that only extractions fill ({{artifact}}); a directory among them would not keep its own mode under COPY --from, and restage cannot tell a file from a directory: name the artifact in the COPY ({{artifact}})',
  },
});
