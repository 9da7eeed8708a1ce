// Just enough HTML reading for black-box assertions (no DOM library: browser checks live in e2e).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from './env.mjs';

const ENTITIES = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

export function decodeEntities(text) {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : Number(name.slice(1));
      return String.fromCodePoint(code);
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

// Every <tag …> start tag as { tag, attrs } (attribute names lower-cased, values decoded).
export function startTags(html, tag) {
  const found = [];
  const pattern = new RegExp(`<${tag}\\b([^>]*)>`, 'gi');
  for (const match of html.matchAll(pattern)) {
    const attrs = {};
    for (const attr of match[1].matchAll(/([^\s=/"'>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g)) {
      attrs[attr[1].toLowerCase()] = decodeEntities(attr[2] ?? attr[3] ?? attr[4] ?? '');
    }
    found.push({ tag, attrs, index: match.index });
  }
  return found;
}

export function htmlLang(html) {
  return startTags(html, 'html')[0]?.attrs.lang ?? null;
}

// The visible-ish text of a page: tags removed, entities decoded, whitespace collapsed.
export function pageText(html) {
  return decodeEntities(html.replace(/<script\b[\s\S]*?<\/script>/gi, ' ').replace(/<[^>]*>/g, ' '))
    .replace(/\s+/g, ' ');
}

// locales/<locale>.json flattened to { "a.b.c": "text" } (nested or already flat files alike).
export function loadCatalog(locale) {
  const file = path.join(REPO_ROOT, 'locales', `${locale}.json`);
  let data;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`cannot read the message catalog ${file}: ${error.message}`);
  }
  const flat = {};
  const walk = (node, prefix) => {
    for (const [key, value] of Object.entries(node)) {
      const name = prefix ? `${prefix}.${key}` : key;
      if (value && typeof value === 'object') walk(value, name);
      else flat[name] = String(value);
    }
  };
  walk(data, '');
  return flat;
}

// The catalog's title for the 404 page: `error.404.title` or the nearest key that names a 404 /
// not-found title, so the tests follow the catalog instead of hard-coding its wording.
export function notFoundTitle(locale) {
  const catalog = loadCatalog(locale);
  if (catalog['error.404.title']) return catalog['error.404.title'];
  const key = Object.keys(catalog).find((name) => /(^|\.)(404|not_?found)(\.|$)/i.test(name) && /title/i.test(name));
  if (!key) {
    throw new Error(`locales/${locale}.json has no 404 title (expected key "error.404.title"); keys: ${Object.keys(catalog).join(', ')}`);
  }
  return catalog[key];
}

// A form of a page (by its id) as a browser would send it: its action, and its text inputs, ticked
// boxes, the selected option of each select and its textareas as [name, value] pairs.
export function formOf(html, id) {
  const form = new RegExp(`<form\\b[^>]*id="${id}"[^>]*>([\\s\\S]*?)</form>`).exec(html);
  assert.ok(form, `no form #${id}`);
  const attr = (name, text) => decodeEntities((new RegExp(`\\b${name}="([^"]*)"`).exec(text) ?? [])[1] ?? '');
  const action = decodeEntities(/action="([^"]*)"/.exec(form[0])[1]);
  const fields = [];
  for (const input of form[1].matchAll(/<input\b([^>]*)>/g)) {
    const name = attr('name', input[1]);
    if (!name || attr('type', input[1]) === 'file') continue;
    if (attr('type', input[1]) === 'checkbox' && !/\schecked\b/.test(input[1])) continue;
    fields.push([name, attr('value', input[1])]);
  }
  for (const select of form[1].matchAll(/<select\b([^>]*)>([\s\S]*?)<\/select>/g)) {
    const chosen = /<option value="([^"]*)" selected>/.exec(select[2]) ?? /<option value="([^"]*)"/.exec(select[2]);
    fields.push([attr('name', select[1]), decodeEntities(chosen[1])]);
  }
  for (const area of form[1].matchAll(/<textarea\b([^>]*)>([\s\S]*?)<\/textarea>/g))
    fields.push([attr('name', area[1]), decodeEntities(area[2])]);
  return { action, fields };
}
export const setField = (fields, name, value) => fields.map(([k, v]) => [k, k === name ? value : v]);
export const fieldOf = (fields, name) => fields.find(([k]) => k === name)?.[1];
