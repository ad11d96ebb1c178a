import { documentOf, Fragment, h, Html } from './jsx';

describe('templates', () => {
  it('escapes every text and attribute value, whatever it contains', () => {
    const typed = `<script>alert("x")</script> & 'quotes'`;
    const markup = (
      <p title={typed} data-x={'"><img src=x onerror=alert(1)>'}>
        {typed}
      </p>
    ).markup;
    expect(markup).toBe(
      '<p title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quotes&#39;" data-x="&quot;&gt;&lt;img src=x onerror=alert(1)&gt;">' +
        '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quotes&#39;</p>',
    );
  });

  it('keeps markup made by the templates, and only that', () => {
    const inner = <em>déjà</em>;
    expect((<p>{inner}</p>).markup).toBe('<p><em>déjà</em></p>');
    expect((<p>{'<em>texte</em>'}</p>).markup).toBe('<p>&lt;em&gt;texte&lt;/em&gt;</p>');
  });

  it('writes boolean attributes bare, leaves out absent ones, and closes no void element', () => {
    expect((<input required disabled={false} value={undefined} name="a" />).markup).toBe('<input required name="a">');
  });

  it('renders components, lists and fragments, skipping null, undefined and booleans', () => {
    const Item = ({ label }: { label: string }): Html => <li>{label}</li>;
    const markup = (
      <ul>
        {['a', 'b'].map((label) => (
          <Item label={label} />
        ))}
        {null}
        {false}
        <>{0}</>
      </ul>
    ).markup;
    expect(markup).toBe('<ul><li>a</li><li>b</li>0</ul>');
  });

  it('makes a whole document with its doctype', () => {
    expect(documentOf(<html lang="fr"></html>)).toBe('<!DOCTYPE html>\n<html lang="fr"></html>');
  });
});
