import { defineRule } from './rule.js';

export default defineRule({
  id: 'file-not-parsed',
  title: 'A file the setup needs is too large or not text, and was not parsed',
  severity: 'error',
  messages: { fileNotParsed: '{{path}} {{why}}; restage did not parse it, so this setup is not migrated' },
});
