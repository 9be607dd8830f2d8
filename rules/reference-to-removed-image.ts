import { defineRule } from './rule.js';

export default defineRule({
  id: 'reference-to-removed-image',
  title: 'Another file uses the builder image the migration no longer builds',
  severity: 'warning',
  messages: {
    referenceToRemovedImage:
      'this uses the image {{tag}}, which the migrated driver no longer builds; build it with `docker build --target {{stage}} -f {{dockerfile}}` or update the reference',
  },
});
