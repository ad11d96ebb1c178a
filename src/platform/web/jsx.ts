/**
 * The pages' template language: TSX compiled by TypeScript (`jsxFactory: h`) into strings, every text and attribute
 * escaped unless it is already markup made here. Nothing else builds HTML: a value typed by a user can only ever
 * become text, whatever it contains.
 */

/** Markup produced by the templates themselves, and so safe to embed as is. */
export class Html {
  constructor(readonly markup: string) {}
  toString(): string {
    return this.markup;
  }
}

export type Child = Html | string | number | boolean | null | undefined | Child[];

type Props = Record<string, unknown> & { children?: Child };
export type Component<P> = (props: P & { children?: Child }) => Html;

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escape(text: string): string {
  return text.replace(/[&<>"']/g, (character) => ESCAPES[character]!);
}

/** Elements that never have children nor a closing tag. */
const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);

function render(child: Child): string {
  if (child === null || child === undefined || child === false || child === true) return '';
  if (child instanceof Html) return child.markup;
  if (Array.isArray(child)) return child.map(render).join('');
  return escape(String(child));
}

function attributes(props: Props): string {
  let markup = '';
  for (const [name, value] of Object.entries(props)) {
    if (name === 'children' || value === undefined || value === null || value === false) continue;
    markup += value === true ? ` ${name}` : ` ${name}="${escape(String(value))}"`;
  }
  return markup;
}

export function h(tag: string | Component<Props>, props: Props | null, ...children: Child[]): Html {
  if (typeof tag === 'function') return tag({ ...props, children });
  const open = `<${tag}${attributes(props ?? {})}>`;
  return new Html(VOID.has(tag) ? open : `${open}${render(children)}</${tag}>`);
}

export function Fragment(props: { children?: Child }): Html {
  return new Html(render(props.children ?? []));
}

/** A whole page: the doctype, then the markup. */
export function documentOf(page: Html): string {
  return `<!DOCTYPE html>\n${page.markup}`;
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace JSX {
    type Element = Html;
    interface ElementChildrenAttribute {
      children: unknown;
    }
    interface IntrinsicElements {
      [tag: string]: Record<string, unknown>;
    }
  }
}
