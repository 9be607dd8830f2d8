import { defineRule } from './rule.js';

export default defineRule({
  id: 'continuation-trailing-space',
  title: 'A line-continuation backslash is followed by spaces, so sh does not continue the line',
  severity: 'warning',
  messages: {
    continuationTrailingSpace:
      'the backslash is followed by whitespace, which sh does not treat as a line continuation; restage follows the evident intent and joins the lines (and removes the whitespace in commands it rewrites)',
  },
});
