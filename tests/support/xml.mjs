// A small XML well-formedness reader for black-box assertions (sitemaps): elements nest and close,
// attribute values are quoted, entities are the five predefined ones or character references.
// Returns the element tree { name, attrs, children, text } or throws with the offset of the fault.
export function parseXml(text) {
  let at = 0;
  const fail = (message) => {
    throw new Error(`XML not well-formed at offset ${at}: ${message}: ${JSON.stringify(text.slice(at, at + 60))}`);
  };
  const checkText = (chunk) => {
    for (const match of chunk.matchAll(/&([^;]*);?/g)) {
      if (!match[0].endsWith(';') || !/^(lt|gt|amp|quot|apos|#\d+|#x[0-9a-f]+)$/i.test(match[1])) {
        fail(`bad entity ${match[0]}`);
      }
    }
    if (chunk.includes('<')) fail('stray <');
  };
  if (text.startsWith('<?xml')) {
    const end = text.indexOf('?>');
    if (end < 0) fail('unterminated XML declaration');
    at = end + 2;
  }
  const root = { name: '#document', attrs: {}, children: [], text: '' };
  const stack = [root];
  while (at < text.length) {
    const next = text.indexOf('<', at);
    const chunk = next < 0 ? text.slice(at) : text.slice(at, next);
    checkText(chunk);
    stack.at(-1).text += chunk;
    if (next < 0) break;
    at = next;
    if (text.startsWith('<!--', at)) {
      const end = text.indexOf('-->', at);
      if (end < 0) fail('unterminated comment');
      at = end + 3;
      continue;
    }
    const close = /^<\/([A-Za-z_][\w.:-]*)\s*>/.exec(text.slice(at));
    if (close) {
      const open = stack.pop();
      if (!open || open.name !== close[1]) fail(`</${close[1]}> closes <${open?.name}>`);
      at += close[0].length;
      continue;
    }
    const tag = /^<([A-Za-z_][\w.:-]*)((?:\s+[A-Za-z_][\w.:-]*\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*(\/?)>/.exec(text.slice(at));
    if (!tag) fail('malformed tag');
    const attrs = {};
    for (const attr of tag[2].matchAll(/([A-Za-z_][\w.:-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
      const value = attr[2] ?? attr[3];
      checkText(value);
      if (attr[1] in attrs) fail(`duplicate attribute ${attr[1]}`);
      attrs[attr[1]] = value.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'");
    }
    const element = { name: tag[1], attrs, children: [], text: '' };
    stack.at(-1).children.push(element);
    if (!tag[3]) stack.push(element);
    at += tag[0].length;
  }
  if (stack.length !== 1) fail(`unclosed <${stack.at(-1).name}>`);
  const elements = root.children;
  if (elements.length !== 1) fail(`expected one root element, found ${elements.length}`);
  if (root.text.trim()) fail('text outside the root element');
  return elements[0];
}

// Every descendant element named `name` (document order).
export function findAll(element, name) {
  const found = [];
  const walk = (node) => {
    for (const child of node.children) {
      if (child.name === name) found.push(child);
      walk(child);
    }
  };
  walk(element);
  return found;
}

export const textOf = (element) => element.text.trim().replace(/&amp;/g, '&');
