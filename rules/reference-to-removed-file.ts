import { defineRule } from './rule.js';

export default defineRule({
  id: 'reference-to-removed-file',
  title: 'Another file names a file the migration deletes or no longer produces',
  severity: 'warning',
  messages: { referenceToRemovedFile: 'this mentions {{path}}, {{what}}; update it by hand' },
});
