// Plain one-line previews of Markdown for <option> labels on /inspect.
import { describe, expect, it } from 'vitest';
import { plainPreview } from '../../lib/core/text-preview';

describe('plainPreview', () => {
  it('drops emphasis, code, heading and list marks and keeps link text', () => {
    expect(plainPreview('**Yes, you get `[1, 2, 9, 10]`.** The default')).toBe(
      'Yes, you get [1, 2, 9, 10]. The default',
    );
    expect(plainPreview('# Title\n- one\n- two\n1. three [see](http://x)')).toBe('Title one two three see');
    expect(plainPreview('```js\nconst a = 1;\n```')).toBe('const a = 1;');
  });
  it('cuts long text with an ellipsis', () => {
    expect(plainPreview('a'.repeat(100), 10)).toBe(`${'a'.repeat(9)}…`);
  });
});
