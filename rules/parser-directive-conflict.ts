import { defineRule } from './rule.js';

export default defineRule({
  id: 'parser-directive-conflict',
  title: 'The Dockerfiles disagree on a parser directive, which must be one for the whole file',
  severity: 'error',
  messages: {
    parserDirectiveConflict: 'parser directive {{name}} differs between the Dockerfiles (or only one sets it), and one merged file can have only one',
  },
});
