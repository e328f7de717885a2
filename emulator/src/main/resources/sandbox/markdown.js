'use strict';
/*
 * Discord markdown to DOM nodes, never to HTML strings: every piece of text ends up in a text node, so nothing a
 * user or a bot writes can become markup. Supports code blocks, inline code, block quotes (> and >>>), headers,
 * bold, italic, underline, strikethrough, spoilers, escapes, links, and mentions rendered with names the driver
 * API resolved.
 */
window.SandboxMarkdown = (function () {
  const MAX_DEPTH = 12;

  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = text;
    return e;
  }

  function safeUrl(url) {
    try {
      const u = new URL(url);
      return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
    } catch (e) {
      return null;
    }
  }

  function colorOf(n) {
    return n ? '#' + Number(n).toString(16).padStart(6, '0') : null;
  }

  /** Renders markdown into a fragment. ctx: {names: {users, roles, channels}, onChannel(id)}. */
  function render(text, ctx) {
    const frag = document.createDocumentFragment();
    blocks(String(text == null ? '' : text), ctx || {}, frag, true);
    return frag;
  }

  function blocks(text, ctx, out, quotes) {
    const fence = /```(?:([A-Za-z0-9_+\-]{1,20})\n)?([\s\S]*?)```/g;
    let last = 0;
    let m;
    while ((m = fence.exec(text)) !== null) {
      if (m[2].length === 0 && !m[1]) continue;
      lines(text.slice(last, m.index), ctx, out, quotes);
      const pre = el('pre', 'md-codeblock');
      const code = el('code', null, m[2].replace(/^\n/, '').replace(/\n$/, ''));
      if (m[1]) code.dataset.lang = m[1];
      pre.appendChild(code);
      out.appendChild(pre);
      last = fence.lastIndex;
    }
    lines(text.slice(last), ctx, out, quotes);
  }

  function lines(text, ctx, out, quotes) {
    if (!text) return;
    const all = text.split('\n');
    let plain = [];
    const flush = () => {
      if (plain.length) {
        const span = el('span', 'md-text');
        inline(plain.join('\n'), ctx, span, 0);
        out.appendChild(span);
        plain = [];
      }
    };
    for (let i = 0; i < all.length; i++) {
      const line = all[i];
      if (quotes && /^>>> /.test(line)) {
        flush();
        const q = el('div', 'md-quote');
        lines([line.slice(4)].concat(all.slice(i + 1)).join('\n'), ctx, q, false);
        out.appendChild(q);
        return;
      }
      if (quotes && /^> |^>$/.test(line)) {
        flush();
        const quoted = [];
        while (i < all.length && /^> |^>$/.test(all[i])) {
          quoted.push(all[i].slice(2));
          i++;
        }
        i--;
        const q = el('div', 'md-quote');
        lines(quoted.join('\n'), ctx, q, false);
        out.appendChild(q);
        continue;
      }
      const h = /^(#{1,3}|-#) (.+)$/.exec(line);
      if (h) {
        flush();
        const tag = h[1] === '-#' ? 'small' : 'h' + h[1].length;
        const e = el(tag, 'md-heading');
        inline(h[2], ctx, e, 0);
        out.appendChild(e);
        continue;
      }
      plain.push(line);
    }
    flush();
  }

  const RULES = [
    ['escape', /^\\([^A-Za-z0-9\s])/],
    ['code', /^(`+)([\s\S]*?[^`])\1(?!`)/],
    ['user', /^<@!?(\d{1,20})>/],
    ['role', /^<@&(\d{1,20})>/],
    ['channel', /^<#(\d{1,20})>/],
    ['time', /^<t:(-?\d{1,13})(?::([tTdDfFR]))?>/],
    ['everyone', /^@(everyone|here)(?![A-Za-z0-9_])/],
    ['link', /^\[([^\[\]\n]+)\]\(<?(https?:\/\/[^\s)<>]+)>?\)/],
    ['url', /^<?(https?:\/\/[^\s<]*[^<.,:;"')\]\s])>?/],
    ['spoiler', /^\|\|([\s\S]+?)\|\|/],
    ['bolditalic', /^\*\*\*(?=\S)([\s\S]+?)\*\*\*(?!\*)/],
    ['bold', /^\*\*(?=\S)([\s\S]+?)\*\*(?!\*)/],
    ['underline', /^__([\s\S]+?)__(?!_)/],
    ['italic', /^\*(?=[^\s*])([\s\S]*?[^\s\\])\*(?!\*)/],
    ['uitalic', /^_([^_][\s\S]*?)_(?![A-Za-z0-9_])/],
    ['strike', /^~~([\s\S]+?)~~/],
  ];
  const TEXT = /^[\s\S]+?(?=[\\`<@\[|*_~]|https?:\/\/|$)/;

  function inline(text, ctx, out, depth) {
    if (depth > MAX_DEPTH) {
      out.appendChild(document.createTextNode(text));
      return;
    }
    let rest = text;
    let prev = '';
    while (rest.length) {
      let done = false;
      for (const [kind, re] of RULES) {
        if (kind === 'uitalic' && /[A-Za-z0-9]/.test(prev)) continue;
        const m = re.exec(rest);
        if (!m) continue;
        const node = build(kind, m, ctx, depth);
        if (!node) continue;
        out.appendChild(node);
        prev = m[0].slice(-1);
        rest = rest.slice(m[0].length);
        done = true;
        break;
      }
      if (done) continue;
      const t = TEXT.exec(rest);
      const chunk = t && t[0].length ? t[0] : rest[0];
      out.appendChild(document.createTextNode(chunk));
      prev = chunk.slice(-1);
      rest = rest.slice(chunk.length);
    }
  }

  function wrap(tag, cls, inner, ctx, depth) {
    const e = el(tag, cls);
    inline(inner, ctx, e, depth + 1);
    return e;
  }

  function build(kind, m, ctx, depth) {
    const names = ctx.names || {};
    switch (kind) {
      case 'escape':
        return document.createTextNode(m[1]);
      case 'code':
        return el('code', 'md-code', m[2].replace(/^ (.*) $/, '$1'));
      case 'user': {
        const name = names.users && names.users[m[1]];
        return el('span', 'mention', '@' + (name || 'unknown-user'));
      }
      case 'role': {
        const role = names.roles && names.roles[m[1]];
        const e = el('span', 'mention role-mention', '@' + (role ? role.name : 'unknown-role'));
        const c = role && colorOf(role.color);
        if (c) e.style.color = c;
        return e;
      }
      case 'channel': {
        const ch = names.channels && names.channels[m[1]];
        const e = el('span', 'mention channel-mention', '#' + (ch ? ch.name : 'unknown'));
        if (ch && ch.visible && ctx.onChannel) {
          e.classList.add('clickable');
          e.addEventListener('click', () => ctx.onChannel(m[1]));
        }
        return e;
      }
      case 'time': {
        const d = new Date(Number(m[1]) * 1000);
        const style = m[2] || 'f';
        let s;
        if (style === 'R') {
          const mins = Math.round((d.getTime() - Date.now()) / 60000);
          s = Math.abs(mins) < 1 ? 'now' : mins < 0 ? -mins + ' minutes ago' : 'in ' + mins + ' minutes';
        } else if (style === 't' || style === 'T') {
          s = d.toLocaleTimeString();
        } else if (style === 'd' || style === 'D') {
          s = d.toLocaleDateString();
        } else {
          s = d.toLocaleString();
        }
        const e = el('span', 'md-time', s);
        e.title = d.toString();
        return e;
      }
      case 'everyone':
        return el('span', 'mention', '@' + m[1]);
      case 'link': {
        const href = safeUrl(m[2]);
        if (!href) return null;
        const a = el('a', 'md-link', m[1]);
        a.href = href;
        a.target = '_blank';
        a.rel = 'noopener noreferrer';
        return a;
      }
      case 'url': {
        const href = safeUrl(m[1]);
        if (!href) return null;
        const a = el('a', 'md-link', m[1]);
        a.href = href;
        a.target = '_blank';
        a.rel = 'noopener noreferrer';
        return a;
      }
      case 'spoiler': {
        const e = wrap('span', 'spoiler', m[1], ctx, depth);
        e.title = 'Spoiler: click to reveal';
        e.addEventListener('click', () => e.classList.add('revealed'));
        return e;
      }
      case 'bolditalic': {
        const b = el('strong');
        b.appendChild(wrap('em', null, m[1], ctx, depth));
        return b;
      }
      case 'bold':
        return wrap('strong', null, m[1], ctx, depth);
      case 'underline':
        return wrap('u', null, m[1], ctx, depth);
      case 'italic':
      case 'uitalic':
        return wrap('em', null, m[1], ctx, depth);
      case 'strike':
        return wrap('s', null, m[1], ctx, depth);
      default:
        return null;
    }
  }

  return { render, colorOf, safeUrl, el };
})();
