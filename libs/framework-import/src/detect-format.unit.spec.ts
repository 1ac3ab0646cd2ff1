import { describe, expect, it } from '@jest/globals';
import { detectFrameworkFormat } from './index.js';

describe('detectFrameworkFormat', () => {
  it.each([
    ['json object', '  {"name": "G", "levels": []}', 'json'],
    ['json with a byte-order mark', '\uFEFF{"name": "G"}', 'json'],
    ['our YAML', 'name: G\nlevels:\n  - level: 1\ncompetencies: []\nbehaviours: []\n', 'yaml'],
    ['our YAML with a document start', '---\nname: G\nlevels:\n  - level: 1\nbehaviours: []\n', 'yaml'],
    ['our YAML with a syntax error', 'name: G\nlevels: [1,\nbehaviours: :\n', 'yaml'],
    ['front matter', '---\ntitle: G\ntopics:\n  - name: a\n    title: A\n---\nBody\n', 'frontmatter'],
    ['front-matter layout without delimiters', 'title: G\ntopics: []\n', 'frontmatter'],
    ['markdown', '# G\n\n## Level 1\n\n### Delivery\n\n- Ships small changes\n', 'markdown'],
    ['markdown list only', 'Level 1\n- Ships small changes\n', 'markdown'],
    ['plain text', 'G\nLevel 1\nDelivery\nShips small changes\n', 'text'],
    ['plain text with colons', 'G: the guild\nLevel 1\nDelivery\nShips small changes: safely\n', 'text'],
  ] as const)('%s', (_label, text, expected) => {
    expect(detectFrameworkFormat(text)).toBe(expected);
  });
});

describe('detectFrameworkFormat with front matter that is not the topics layout', () => {
  it('reads a markdown list with a metadata block as markdown', () => {
    expect(detectFrameworkFormat('---\nauthor: me\n---\n# G\n## Level 1\n### Delivery\n- Ships things\n')).toBe('markdown');
  });
  it('reads broken front matter of the topics layout as front matter, so the error names the line', () => {
    expect(detectFrameworkFormat('---\ntitle: G\ntopics:\n  - name: [\n---\n')).toBe('frontmatter');
  });
});
