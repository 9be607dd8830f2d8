import { defineRule } from './rule.js';

export default defineRule<'how'>({
  id: 'unsupported-extraction',
  title: 'The artifact leaves the container in a way restage does not migrate yet',
  severity: 'error',
  message: '{{how}} is not migrated yet; refusing',
});
