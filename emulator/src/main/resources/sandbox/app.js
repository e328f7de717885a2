'use strict';
/*
 * The sandbox page: the emulated Discord as one of its users sees it. Talks only to the emulator's driver API
 * (/_driver/...), refetches what it shows after every "changed" server-sent event, and builds the DOM with
 * textContent only (no innerHTML), so no text from users or the bot can inject markup.
 */
(function () {
  const md = window.SandboxMarkdown;
  const el = md.el;
  const $ = (id) => document.getElementById(id);

  const S = {
    users: [], botId: null, resettable: false,
    me: null, sidebar: null,
    place: null, // a guild id, or '@me' for direct messages
    channelId: null, channel: null, names: {}, commands: [],
    slash: null, // {path, description, options}
    suggestion: 0,
    modal: null, // the modal on screen: {interactionId, ...}
  };
  const rendered = new Map(); // message id -> {key, node}

  // ------------------------------------------------------------------ driver API

  async function api(method, path, body) {
    const opts = { method: method, headers: { Accept: 'application/json' } };
    if (body !== undefined) {
      opts.headers['Content-Type'] = 'application/json';
      opts.body = JSON.stringify(body);
    }
    const res = await fetch('/_driver' + path, opts);
    let data;
    try {
      data = await res.json();
    } catch (e) {
      data = { message: 'HTTP ' + res.status };
    }
    if (!res.ok) {
      const err = new Error(data.message || 'HTTP ' + res.status);
      err.status = res.status;
      throw err;
    }
    return data;
  }

  const asMe = (path) => '/users/' + S.me + path;

  // ------------------------------------------------------------------ loading

  let busy = false;
  let dirty = false;

  async function refresh() {
    if (busy) {
      dirty = true;
      return;
    }
    busy = true;
    try {
      do {
        dirty = false;
        await load();
      } while (dirty);
    } catch (e) {
      showError(e.message);
    } finally {
      busy = false;
    }
  }

  async function load() {
    const u = await api('GET', '/users');
    S.users = u.users;
    S.botId = u.botId;
    S.resettable = u.resettable;
    const people = S.users.filter((x) => !x.bot);
    if (!people.some((p) => p.id === S.me)) S.me = initialUser(people);
    renderTop(people);
    if (!S.me) {
      S.sidebar = null;
      renderSidebar();
      renderMessages(null);
      return;
    }
    const me = S.me;
    const sidebar = await api('GET', asMe('/sidebar'));
    if (me !== S.me) return void (dirty = true);
    S.sidebar = sidebar;
    pickChannel();
    renderSidebar();
    renderMembers();
    if (!S.channelId) {
      renderMessages(null);
      S.commands = [];
      return;
    }
    const channelId = S.channelId;
    const [msgs, cmds] = await Promise.all([
      api('GET', asMe('/channels/' + channelId + '/messages')),
      api('GET', asMe('/channels/' + channelId + '/commands')),
    ]);
    if (me !== S.me || channelId !== S.channelId) return void (dirty = true);
    S.commands = cmds.commands;
    renderMessages(msgs);
    if (S.slash && !leaves().some((l) => l.path === S.slash.path)) cancelSlash();
  }

  function initialUser(people) {
    const wanted = new URLSearchParams(location.search).get('as');
    const found = wanted && people.find((p) => p.id === wanted || p.username === wanted || p.name === wanted);
    return found ? found.id : people.length ? people[0].id : null;
  }

  function visibleChannels() {
    const out = [];
    if (!S.sidebar) return out;
    for (const g of S.sidebar.guilds) {
      for (const c of g.channels) {
        out.push({ id: c.id, place: g.id });
        for (const t of c.threads) out.push({ id: t.id, place: g.id });
      }
    }
    for (const d of S.sidebar.dms) out.push({ id: d.id, place: '@me' });
    return out;
  }

  function pickChannel() {
    const all = visibleChannels();
    const current = all.find((c) => c.id === S.channelId);
    if (current) {
      S.place = current.place;
      return;
    }
    const inPlace = all.find((c) => c.place === S.place);
    const first = inPlace || all.find((c) => c.place !== '@me') || all[0];
    S.channelId = first ? first.id : null;
    S.place = first ? first.place : S.place;
  }

  function selectChannel(id) {
    if (id === S.channelId) return;
    S.channelId = id;
    cancelSlash();
    hideError();
    rendered.clear();
    $('messages').replaceChildren();
    refresh();
  }

  function selectPlace(place) {
    S.place = place;
    const first = visibleChannels().find((c) => c.place === place);
    if (first) {
      selectChannel(first.id);
    } else {
      S.channelId = null;
      rendered.clear();
      refresh();
    }
  }

  // ------------------------------------------------------------------ rendering: frame

  function avatar(user, cls) {
    const a = el('span', 'avatar' + (cls ? ' ' + cls : ''), (user.name || '?').slice(0, 1).toUpperCase());
    a.style.backgroundColor = user.bot ? '#5865f2' : hueOf(user.id);
    return a;
  }

  const AVATAR_COLORS = ['#5865f2', '#757e8a', '#3ba55c', '#faa61a', '#ed4245', '#eb459e'];

  function hueOf(id) {
    try {
      return AVATAR_COLORS[Number(BigInt(id) % 6n)];
    } catch (e) {
      return AVATAR_COLORS[1];
    }
  }

  function renderTop(people) {
    const select = $('acting-as');
    const opts = people.map((p) => {
      const o = el('option', null, p.name + (p.roles.length ? ' (' + p.roles.join(', ') + ')' : ''));
      o.value = p.id;
      o.dataset.username = p.username;
      return o;
    });
    const same = select.options.length === opts.length
      && opts.every((o, i) => select.options[i].value === o.value && select.options[i].textContent === o.textContent);
    if (!same) select.replaceChildren(...opts);
    if (S.me) select.value = S.me;
    $('reset').hidden = !S.resettable;
    const me = people.find((p) => p.id === S.me);
    $('me-name').textContent = me ? me.name : '—';
    $('me-avatar').replaceWith(Object.assign(avatar(me || { id: '0', name: '?' }, 'small'), { id: 'me-avatar' }));
  }

  function renderSidebar() {
    const rail = $('servers');
    const list = $('channel-list');
    const items = [];
    const dm = el('button', 'server dm-home' + (S.place === '@me' ? ' active' : ''), 'DM');
    dm.title = 'Direct messages';
    dm.type = 'button';
    dm.addEventListener('click', () => selectPlace('@me'));
    items.push(dm, el('div', 'rail-separator'));
    const guilds = S.sidebar ? S.sidebar.guilds : [];
    for (const g of guilds) {
      const b = el('button', 'server' + (S.place === g.id ? ' active' : ''), initials(g.name));
      b.type = 'button';
      b.title = g.name;
      b.dataset.id = g.id;
      b.addEventListener('click', () => selectPlace(g.id));
      items.push(b);
    }
    rail.replaceChildren(...items);

    const rows = [];
    if (S.place === '@me') {
      $('place-name').textContent = 'Direct Messages';
      const dms = S.sidebar ? S.sidebar.dms : [];
      if (!dms.length) rows.push(el('div', 'empty-note', 'No direct messages yet.'));
      for (const d of dms) rows.push(channelRow(d, 'dm', '@'));
    } else {
      const g = guilds.find((x) => x.id === S.place);
      $('place-name').textContent = g ? g.name : 'No server';
      if (g) {
        rows.push(el('div', 'category', 'Text channels'));
        for (const c of g.channels) {
          rows.push(channelRow(c, 'channel', '#'));
          for (const t of c.threads) rows.push(channelRow(t, 'thread', '↳'));
        }
      }
    }
    list.replaceChildren(...rows);
    list.dataset.user = S.me || '';
    list.dataset.place = S.place || '';
  }

  function initials(name) {
    return name.split(/\s+/).filter(Boolean).map((w) => w[0]).join('').slice(0, 3).toUpperCase() || '?';
  }

  function channelRow(c, kind, icon) {
    const row = el('button', 'channel ' + kind + (c.id === S.channelId ? ' active' : '') + (c.archived ? ' archived' : ''));
    row.type = 'button';
    row.dataset.id = c.id;
    row.dataset.name = c.name;
    if (kind === 'thread') row.dataset.private = String(c.private);
    row.append(el('span', 'channel-icon', icon), el('span', 'channel-name', c.name));
    if (c.locked) row.append(el('span', 'channel-flag', 'locked'));
    else if (c.archived) row.append(el('span', 'channel-flag', 'archived'));
    else if (c.private) row.append(el('span', 'channel-flag private', 'private'));
    row.addEventListener('click', () => selectChannel(c.id));
    return row;
  }

  function currentGuild() {
    return S.sidebar && S.sidebar.guilds.find((g) => g.id === S.place);
  }

  function renderMembers() {
    const box = $('members');
    const g = currentGuild();
    if (!g) {
      box.replaceChildren();
      box.hidden = true;
      return;
    }
    box.hidden = false;
    const rows = [el('div', 'category', 'Members — ' + g.members.length)];
    for (const m of g.members) {
      const row = el('div', 'member' + (m.id === S.me ? ' me' : ''));
      const name = el('span', 'member-name', m.name);
      const c = md.colorOf(m.color);
      if (c) name.style.color = c;
      row.append(avatar(m, 'small'), name);
      if (m.bot) row.append(el('span', 'bot-tag', 'APP'));
      row.title = m.roles.length ? m.roles.join(', ') : 'no roles';
      rows.push(row);
    }
    box.replaceChildren(...rows);
  }

  // ------------------------------------------------------------------ rendering: messages

  function renderMessages(data) {
    const box = $('messages');
    const title = $('channel-title');
    const input = $('composer-input');
    if (!data) {
      title.replaceChildren(el('span', 'muted', 'Nothing to show'));
      box.replaceChildren(el('div', 'empty-note', S.place === '@me'
        ? 'No direct messages yet. The bot writes here when it has something for you.'
        : 'No channel to show.'));
      rendered.clear();
      input.disabled = true;
      return;
    }
    S.channel = data.channel;
    S.names = data.names;
    renderTitle(data.channel);
    input.disabled = false;
    input.placeholder = data.channel.canSend
      ? 'Message ' + (data.channel.type === 1 ? '@' : '#') + data.channel.name + ' — type / for commands'
      : 'You cannot send messages here — type / for commands';
    const nearBottom = box.scrollHeight - box.scrollTop - box.clientHeight < 80 || box.childElementCount === 0;
    const namesKey = JSON.stringify(data.names);
    const nodes = [];
    if (!data.messages.length) {
      nodes.push(el('div', 'empty-note', 'This is the beginning of ' + (data.channel.type === 1 ? '@' : '#')
        + data.channel.name + '.'));
    }
    const seen = new Set();
    for (const m of data.messages) {
      const key = JSON.stringify(m) + namesKey;
      let r = rendered.get(m.id);
      if (!r || r.key !== key) {
        r = { key: key, node: messageNode(m) };
        rendered.set(m.id, r);
      }
      seen.add(m.id);
      nodes.push(r.node);
    }
    for (const id of [...rendered.keys()]) if (!seen.has(id)) rendered.delete(id);
    const same = nodes.length === box.childNodes.length && nodes.every((n, i) => box.childNodes[i] === n);
    if (!same) box.replaceChildren(...nodes);
    if (nearBottom) box.scrollTop = box.scrollHeight;
  }

  function renderTitle(c) {
    const parts = [];
    if (c.type === 1) {
      parts.push(el('span', 'title-icon', '@'), el('span', 'title-name', c.name));
    } else if (c.type === 11 || c.type === 12) {
      const parent = findChannel(c.parentId);
      parts.push(el('span', 'title-icon', '#'), el('span', 'title-parent', parent ? parent.name : ''),
        el('span', 'title-sep', '›'), el('span', 'title-name', c.name));
      if (c.private) parts.push(el('span', 'channel-flag private', 'private thread'));
      if (c.archived) parts.push(el('span', 'channel-flag', c.locked ? 'closed' : 'archived'));
    } else {
      parts.push(el('span', 'title-icon', '#'), el('span', 'title-name', c.name));
      if (c.topic) parts.push(el('span', 'title-topic', c.topic));
    }
    $('channel-title').replaceChildren(...parts);
  }

  function findChannel(id) {
    if (!S.sidebar) return null;
    for (const g of S.sidebar.guilds) {
      for (const c of g.channels) {
        if (c.id === id) return c;
        for (const t of c.threads) if (t.id === id) return t;
      }
    }
    return S.sidebar.dms.find((d) => d.id === id) || null;
  }

  function mdCtx() {
    return { names: S.names, onChannel: (id) => selectChannel(id) };
  }

  function formatTime(ms) {
    const d = new Date(ms);
    const today = new Date();
    const time = d.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
    return d.toDateString() === today.toDateString() ? 'Today at ' + time : d.toLocaleDateString() + ' ' + time;
  }

  // An uploaded file: a link that opens it (served by the emulator, sandboxed), PNG/JPEG/GIF/WebP shown inline.
  function attachmentNode(f) {
    const box = el('div', 'attachment');
    if (f.image) {
      const img = el('img', 'attachment-image');
      img.src = f.url;
      img.alt = f.name;
      img.loading = 'lazy';
      const open = el('a');
      open.href = f.url;
      open.target = '_blank';
      open.rel = 'noopener noreferrer';
      open.append(img);
      box.append(open);
    }
    const link = el('a', 'attachment-link', f.name);
    link.href = f.url;
    link.target = '_blank';
    link.rel = 'noopener noreferrer';
    box.append(link, el('span', 'attachment-size', ' ' + Math.max(1, Math.round(f.size / 1024)) + ' KB'));
    return box;
  }

  function messageNode(m) {
    const node = el('div', 'message' + (m.ephemeral ? ' ephemeral' : '') + (m.pinned ? ' pinned' : ''));
    node.dataset.id = m.id;
    node.dataset.author = m.author.name;
    if (m.interaction) {
      const used = el('div', 'interaction-line');
      used.append(el('span', 'reply-spine'), el('span', 'interaction-user', m.interaction.user),
        document.createTextNode(m.interaction.command ? ' used ' : ' interacted'));
      if (m.interaction.command) used.append(el('span', 'interaction-command', '/' + m.interaction.command));
      node.append(used);
    }
    const body = el('div', 'message-body');
    const head = el('div', 'message-head');
    const author = el('span', 'author', m.author.name);
    const c = md.colorOf(m.author.color);
    if (c) author.style.color = c;
    head.append(author);
    if (m.author.bot) head.append(el('span', 'bot-tag', 'APP'));
    const time = el('time', 'timestamp', formatTime(m.timestamp));
    time.dateTime = new Date(m.timestamp).toISOString();
    head.append(time);
    if (m.edited) head.append(el('span', 'edited', '(edited)'));
    if (m.pinned) head.append(el('span', 'pin-marker', 'Pinned'));
    body.append(head);
    const content = el('div', 'content');
    if (m.loading) {
      content.append(el('span', 'thinking', m.author.name + ' is thinking…'));
    } else if (m.content) {
      content.append(md.render(m.content, mdCtx()));
    }
    body.append(content);
    if (m.attachments.length) {
      const files = el('div', 'attachments');
      for (const f of m.attachments) files.append(attachmentNode(f));
      body.append(files);
    }
    if (m.embeds.length) {
      const embeds = el('div', 'embeds');
      for (const e of m.embeds) embeds.append(embedNode(e));
      body.append(embeds);
    }
    if (m.components.length) {
      const comps = el('div', 'components');
      renderComponents(m.components, m, comps);
      body.append(comps);
    }
    if (m.ephemeral) {
      body.append(el('div', 'ephemeral-note', 'Only you can see this'));
    }
    node.append(avatar(m.author), body);
    return node;
  }

  function embedNode(e) {
    const box = el('div', 'embed');
    const c = md.colorOf(e.color);
    if (c) box.style.borderLeftColor = c;
    if (e.author && e.author.name) box.append(el('div', 'embed-author', e.author.name));
    if (e.title) {
      const href = e.url && md.safeUrl(e.url);
      const t = el(href ? 'a' : 'div', 'embed-title');
      if (href) {
        t.href = href;
        t.target = '_blank';
        t.rel = 'noopener noreferrer';
      }
      t.append(md.render(e.title, mdCtx()));
      box.append(t);
    }
    if (e.description) {
      const d = el('div', 'embed-description');
      d.append(md.render(e.description, mdCtx()));
      box.append(d);
    }
    if (Array.isArray(e.fields) && e.fields.length) {
      const fields = el('div', 'embed-fields');
      for (const f of e.fields) {
        const field = el('div', 'embed-field' + (f.inline ? ' inline' : ''));
        const name = el('div', 'embed-field-name');
        name.append(md.render(f.name, mdCtx()));
        const value = el('div', 'embed-field-value');
        value.append(md.render(f.value, mdCtx()));
        field.append(name, value);
        fields.append(field);
      }
      box.append(fields);
    }
    const footer = [];
    if (e.footer && e.footer.text) footer.push(e.footer.text);
    if (e.timestamp) footer.push(new Date(e.timestamp).toLocaleString());
    if (footer.length) box.append(el('div', 'embed-footer', footer.join(' • ')));
    return box;
  }

  const BUTTON_STYLES = { 1: 'primary', 2: 'secondary', 3: 'success', 4: 'danger', 5: 'link', 6: 'premium' };

  function renderComponents(list, msg, out) {
    for (const c of list || []) {
      switch (c.type) {
        case 1: {
          const row = el('div', 'action-row');
          renderComponents(c.components, msg, row);
          out.append(row);
          break;
        }
        case 2:
          out.append(buttonNode(c, msg));
          break;
        case 3:
          out.append(selectNode(c, msg));
          break;
        case 5: case 6: case 7: case 8: {
          const s = el('select', 'component-select');
          s.disabled = true;
          s.append(el('option', null, c.placeholder || 'Select (not supported in the sandbox)'));
          out.append(s);
          break;
        }
        case 9: {
          const section = el('div', 'section');
          const texts = el('div', 'section-texts');
          renderComponents(c.components, msg, texts);
          section.append(texts);
          if (c.accessory) {
            const accessory = el('div', 'section-accessory');
            renderComponents([c.accessory], msg, accessory);
            section.append(accessory);
          }
          out.append(section);
          break;
        }
        case 11:
          out.append(mediaNode(c.media, c.description, c.spoiler, 'thumbnail'));
          break;
        case 12: {
          const gallery = el('div', 'media-gallery');
          for (const item of c.items || []) gallery.append(mediaNode(item.media, item.description, item.spoiler, 'gallery-item'));
          out.append(gallery);
          break;
        }
        case 13: {
          const file = el('div', 'file-component' + (c.spoiler ? ' spoiler-media' : ''));
          file.append(el('span', 'file-icon', '📄'), el('span', 'file-name', c.name || fileName(c.file && c.file.url)));
          out.append(file);
          break;
        }
        case 10: {
          const t = el('div', 'text-display');
          t.append(md.render(c.content, mdCtx()));
          out.append(t);
          break;
        }
        case 14: {
          // spacing 1 small, 2 large; divider false: padding only, no line
          const sep = el('div', 'separator spacing-' + (c.spacing === 2 ? 'large' : 'small')
            + (c.divider === false ? ' invisible' : ''));
          sep.setAttribute('role', 'separator');
          out.append(sep);
          break;
        }
        case 17: {
          const box = el('div', 'container' + (c.spoiler ? ' spoiler-media' : ''));
          const accent = md.colorOf(c.accent_color);
          if (accent) box.style.borderLeftColor = accent;
          renderComponents(c.components, msg, box);
          out.append(box);
          break;
        }
        default:
          break;
      }
    }
  }

  function fileName(url) {
    const u = String(url || '');
    return u.startsWith('attachment://') ? u.slice('attachment://'.length) : u.split('/').pop() || 'file';
  }

  /** Media the page does not load (its Content-Security-Policy allows no outside images): a captioned box. */
  function mediaNode(media, description, spoiler, cls) {
    const url = media && media.url ? String(media.url) : '';
    const box = el('figure', 'media ' + cls + (spoiler ? ' spoiler-media' : ''));
    box.title = url;
    box.append(el('span', 'media-icon', '🖼'), el('figcaption', 'media-caption', description || fileName(url)));
    return box;
  }

  function buttonNode(c, msg) {
    const style = BUTTON_STYLES[c.style] || 'secondary';
    const b = el('button', 'component-button ' + style);
    b.type = 'button';
    b.disabled = !!c.disabled;
    if (c.custom_id) b.dataset.customId = c.custom_id;
    const label = (c.emoji && c.emoji.name ? c.emoji.name + ' ' : '') + (c.label || '');
    b.append(el('span', 'button-label', label.trim() || '​'));
    if (style === 'link') {
      b.append(el('span', 'link-arrow', '↗'));
      const href = c.url && md.safeUrl(c.url);
      if (href) b.addEventListener('click', () => window.open(href, '_blank', 'noopener,noreferrer'));
      return b;
    }
    b.addEventListener('click', async () => {
      const all = [...document.querySelectorAll('.message[data-id="' + msg.id + '"] .component-button')];
      all.forEach((x) => x.classList.add('pending'));
      b.disabled = true;
      await act(() => api('POST', asMe('/messages/' + msg.id + '/click'), { customId: c.custom_id }));
      all.forEach((x) => x.classList.remove('pending'));
      b.disabled = !!c.disabled;
    });
    return b;
  }

  function selectNode(c, msg) {
    const s = el('select', 'component-select');
    s.dataset.customId = c.custom_id;
    s.disabled = !!c.disabled;
    const multi = (c.max_values || 1) > 1;
    if (multi) {
      s.multiple = true;
      s.size = Math.min(6, (c.options || []).length);
    } else {
      const ph = el('option', null, c.placeholder || 'Make a selection');
      ph.value = '';
      ph.disabled = true;
      ph.selected = true;
      s.append(ph);
    }
    for (const o of c.options || []) {
      const opt = el('option', null, (o.emoji && o.emoji.name ? o.emoji.name + ' ' : '') + o.label
        + (o.description ? ' — ' + o.description : ''));
      opt.value = o.value;
      s.append(opt);
    }
    const send = async () => {
      const values = [...s.selectedOptions].map((o) => o.value).filter((v) => v !== '');
      if (!values.length) return;
      s.disabled = true;
      await act(() => api('POST', asMe('/messages/' + msg.id + '/select'), { customId: c.custom_id, values: values }));
      s.disabled = !!c.disabled;
    };
    if (multi) {
      const wrapBox = el('div', 'multi-select');
      const go = el('button', 'component-button primary', 'Choose');
      go.type = 'button';
      go.addEventListener('click', send);
      wrapBox.append(s, go);
      return wrapBox;
    }
    s.addEventListener('change', send);
    return s;
  }

  // ------------------------------------------------------------------ actions

  /** Runs an action; shows a modal the bot opened, or the error the driver API answered. */
  async function act(fn) {
    hideError();
    try {
      const r = await fn();
      if (r && r.modal) openModal(r.modal);
      refresh();
      return r;
    } catch (e) {
      showError(e.message);
      return null;
    }
  }

  function showError(message) {
    const t = $('toast');
    t.textContent = message;
    t.hidden = false;
  }

  function hideError() {
    $('toast').hidden = true;
  }

  // ------------------------------------------------------------------ slash commands

  function leaves() {
    const out = [];
    for (const cmd of S.commands) {
      const opts = cmd.options || [];
      const subs = opts.filter((o) => o.type === 1 || o.type === 2);
      if (!subs.length) {
        out.push({ path: cmd.name, description: cmd.description, options: opts });
        continue;
      }
      for (const s of subs) {
        if (s.type === 1) {
          out.push({ path: cmd.name + ' ' + s.name, description: s.description, options: s.options || [] });
        } else {
          for (const x of s.options || []) {
            out.push({ path: cmd.name + ' ' + s.name + ' ' + x.name, description: x.description,
              options: x.options || [] });
          }
        }
      }
    }
    return out;
  }

  function onInput() {
    const input = $('composer-input');
    const v = input.value;
    if (S.slash && !v.startsWith('/' + S.slash.path)) cancelSlash(true);
    if (!S.slash && v.startsWith('/')) {
      showSuggestions(v.slice(1));
    } else {
      hideSuggestions();
    }
  }

  function matching(typed) {
    const q = typed.trim().toLowerCase().replace(/\s+/g, ' ');
    return leaves().filter((l) => l.path.startsWith(q) || (q && l.path.split(' ').some((w) => w.startsWith(q))));
  }

  function showSuggestions(typed) {
    const box = $('suggestions');
    const found = matching(typed);
    if (S.suggestion >= found.length) S.suggestion = 0;
    const rows = [el('div', 'suggestions-head', found.length ? 'Commands matching /' + typed.trim()
      : 'No command matches /' + typed.trim())];
    found.forEach((l, i) => {
      const row = el('div', 'suggestion' + (i === S.suggestion ? ' selected' : ''));
      row.setAttribute('role', 'option');
      row.dataset.path = l.path;
      row.append(el('span', 'suggestion-path', '/' + l.path), el('span', 'suggestion-desc', l.description || ''));
      row.addEventListener('mousedown', (ev) => {
        ev.preventDefault();
        chooseCommand(l);
      });
      rows.push(row);
    });
    box.replaceChildren(...rows);
    box.hidden = false;
  }

  function hideSuggestions() {
    $('suggestions').hidden = true;
    S.suggestion = 0;
  }

  function chooseCommand(leaf) {
    S.slash = leaf;
    const input = $('composer-input');
    input.value = '/' + leaf.path + ' ';
    hideSuggestions();
    renderSlashOptions();
    const first = document.querySelector('#slash-options .option-input');
    if (first) first.focus();
    else input.focus();
  }

  function cancelSlash(keepText) {
    S.slash = null;
    $('slash-options').hidden = true;
    $('slash-options').replaceChildren();
    if (!keepText) $('composer-input').value = '';
  }

  const TYPE_NAMES = { 3: 'text', 4: 'integer', 5: 'true/false', 6: 'user', 7: 'channel', 8: 'role', 9: 'user or role',
    10: 'number', 11: 'file' };

  function renderSlashOptions() {
    const box = $('slash-options');
    const leaf = S.slash;
    const head = el('div', 'slash-head');
    head.append(el('span', 'slash-path', '/' + leaf.path), el('span', 'slash-desc', leaf.description || ''));
    const fields = el('div', 'slash-fields');
    const sorted = [...leaf.options].sort((a, b) => (b.required ? 1 : 0) - (a.required ? 1 : 0));
    for (const o of sorted) fields.append(optionField(o));
    if (!sorted.length) fields.append(el('span', 'muted', 'No options — press Enter to send.'));
    const run = el('button', 'primary', 'Run');
    run.type = 'button';
    run.id = 'slash-run';
    run.addEventListener('click', runSlash);
    const cancel = el('button', 'link-button', 'Cancel');
    cancel.type = 'button';
    cancel.addEventListener('click', () => cancelSlash());
    const foot = el('div', 'slash-foot');
    foot.append(cancel, run);
    box.replaceChildren(head, fields, foot);
    box.hidden = false;
  }

  function optionField(o) {
    const wrapBox = el('label', 'option-field');
    wrapBox.dataset.name = o.name;
    const label = el('span', 'option-name', o.name + (o.required ? ' *' : ''));
    label.title = (o.description || '') + ' (' + (TYPE_NAMES[o.type] || 'value') + ')';
    let input;
    const g = currentGuild();
    if (Array.isArray(o.choices) && o.choices.length) {
      input = pickerSelect(o.choices.map((c) => ({ value: String(c.value), label: c.name })), o);
    } else if (o.type === 5) {
      input = pickerSelect([{ value: 'true', label: 'True' }, { value: 'false', label: 'False' }], o);
    } else if (o.type === 6) {
      input = pickerSelect(userChoices(g), o);
    } else if (o.type === 8) {
      input = pickerSelect(g ? g.roles.map((r) => ({ value: r.id, label: '@' + r.name })) : [], o);
    } else if (o.type === 9) {
      input = pickerSelect(userChoices(g).concat(g ? g.roles.map((r) => ({ value: r.id, label: '@' + r.name })) : []), o);
    } else if (o.type === 7) {
      input = pickerSelect(channelChoices(g, o.channel_types), o);
    } else if (o.type === 11) {
      input = el('input', 'option-input');
      input.disabled = true;
      input.placeholder = 'file uploads are not supported in the sandbox';
    } else {
      input = el('input', 'option-input');
      input.type = o.type === 4 || o.type === 10 ? 'number' : 'text';
      if (o.type === 4) input.step = '1';
      if (o.type === 10) input.step = 'any';
      if (o.min_value != null) input.min = String(o.min_value);
      if (o.max_value != null) input.max = String(o.max_value);
      if (o.max_length != null) input.maxLength = o.max_length;
      input.placeholder = o.description || '';
      if (o.type === 3) input.title = 'Type #channel, @role or @user to mention them';
    }
    input.classList.add('option-input');
    input.dataset.name = o.name;
    input.dataset.type = String(o.type);
    input.addEventListener('keydown', (ev) => {
      if (ev.key === 'Enter') {
        ev.preventDefault();
        runSlash();
      } else if (ev.key === 'Escape') {
        cancelSlash();
        $('composer-input').focus();
      }
    });
    wrapBox.append(label, input);
    return wrapBox;
  }

  function pickerSelect(choices, o) {
    const s = el('select', 'option-input');
    const none = el('option', null, o.required ? 'Choose ' + (TYPE_NAMES[o.type] || 'a value') : '(none)');
    none.value = '';
    s.append(none);
    for (const c of choices) {
      const opt = el('option', null, c.label);
      opt.value = c.value;
      s.append(opt);
    }
    return s;
  }

  function userChoices(g) {
    if (g) return g.members.map((m) => ({ value: m.id, label: '@' + m.name }));
    return S.users.filter((u) => u.id === S.me || u.bot).map((u) => ({ value: u.id, label: '@' + u.name }));
  }

  function channelChoices(g, types) {
    if (!g) return [];
    const out = [];
    const ok = (t) => !Array.isArray(types) || !types.length || types.includes(t);
    for (const c of g.channels) {
      if (ok(c.type)) out.push({ value: c.id, label: '#' + c.name });
      for (const t of c.threads) if (ok(t.type)) out.push({ value: t.id, label: '  ↳ ' + t.name });
    }
    return out;
  }

  /** As the Discord client does on send: #channel, @role and @user typed by name become mentions. */
  function toMentions(text) {
    const g = currentGuild();
    if (!g) return text;
    return text.replace(/(^|[\s(])([#@])([\w-]{1,100})/g, (all, pre, sigil, name) => {
      const lower = name.toLowerCase();
      if (sigil === '#') {
        for (const c of g.channels) {
          if (c.name.toLowerCase() === lower) return pre + '<#' + c.id + '>';
          for (const t of c.threads) if (t.name.toLowerCase() === lower) return pre + '<#' + t.id + '>';
        }
        return all;
      }
      if (lower === 'everyone' || lower === 'here') return all;
      const role = g.roles.find((r) => r.name.toLowerCase() === lower);
      if (role) return pre + '<@&' + role.id + '>';
      const m = g.members.find((x) => x.name.toLowerCase() === lower || x.username.toLowerCase() === lower);
      return m ? pre + '<@' + m.id + '>' : all;
    });
  }

  async function runSlash() {
    const leaf = S.slash;
    if (!leaf || !S.channelId) return;
    const options = {};
    for (const input of document.querySelectorAll('#slash-options .option-input')) {
      if (input.value === '' || input.disabled) continue;
      const plainText = input.dataset.type === '3' && input.tagName === 'INPUT';
      options[input.dataset.name] = plainText ? toMentions(input.value) : input.value;
    }
    const run = $('slash-run');
    if (run) run.disabled = true;
    const r = await act(() => api('POST', asMe('/channels/' + S.channelId + '/slash'),
      { command: leaf.path, options: options }));
    if (run) run.disabled = false;
    if (r) {
      cancelSlash();
      $('composer-input').focus();
    }
  }

  async function send() {
    const input = $('composer-input');
    const text = input.value;
    if (S.slash) return runSlash();
    if (text.startsWith('/')) {
      const found = matching(text.slice(1));
      if (found.length) chooseCommand(found[Math.min(S.suggestion, found.length - 1)]);
      else showError('No command matches ' + text.trim());
      return;
    }
    if (!text.trim() || !S.channelId) return;
    const r = await act(() => api('POST', asMe('/channels/' + S.channelId + '/messages'), { content: toMentions(text) }));
    if (r) input.value = '';
  }

  function onKey(ev) {
    const box = $('suggestions');
    if (!box.hidden) {
      const found = matching($('composer-input').value.slice(1));
      if (ev.key === 'ArrowDown' || ev.key === 'ArrowUp') {
        ev.preventDefault();
        const n = Math.max(1, found.length);
        S.suggestion = (S.suggestion + (ev.key === 'ArrowDown' ? 1 : n - 1)) % n;
        showSuggestions($('composer-input').value.slice(1));
        return;
      }
      if ((ev.key === 'Tab' || ev.key === 'Enter') && found.length) {
        ev.preventDefault();
        chooseCommand(found[Math.min(S.suggestion, found.length - 1)]);
        return;
      }
      if (ev.key === 'Escape') {
        hideSuggestions();
        return;
      }
    }
    if (ev.key === 'Escape' && S.slash) {
      cancelSlash();
      return;
    }
    if (ev.key === 'Enter') {
      ev.preventDefault();
      send();
    }
  }

  // ------------------------------------------------------------------ modals

  function openModal(modal) {
    S.modal = modal;
    $('modal-title').textContent = modal.title;
    const bot = S.users.find((u) => u.id === S.botId);
    $('modal-app').textContent = bot ? bot.name : '';
    const fields = [];
    for (const row of modal.components || []) {
      if (row.type === 10) {
        const t = el('div', 'text-display');
        t.append(md.render(row.content, mdCtx()));
        fields.push(t);
        continue;
      }
      const isLabel = row.type === 18;
      const input = isLabel ? row.component : (row.components || [])[0];
      const labelText = isLabel ? row.label : input && input.label;
      if (!input || (input.type !== 4 && input.type !== 3)) {
        fields.push(el('div', 'muted', (labelText ? labelText + ': ' : '') + 'a component the sandbox cannot show'));
        continue;
      }
      const box = el('label', 'modal-field');
      box.dataset.customId = input.custom_id;
      const required = input.required !== false;
      box.append(el('span', 'modal-label', (labelText || input.custom_id) + (required ? ' *' : '')));
      if (isLabel && row.description) box.append(el('span', 'modal-description', row.description));
      box.append(input.type === 3 ? modalSelect(input, required) : modalText(input, required));
      fields.push(box);
    }
    $('modal-fields').replaceChildren(...fields);
    $('modal-error').hidden = true;
    const dialog = $('modal');
    if (!dialog.open) dialog.showModal();
    const first = dialog.querySelector('.modal-input');
    if (first) first.focus();
  }

  function modalText(input, required) {
    const field = el(input.style === 2 ? 'textarea' : 'input', 'modal-input');
    if (input.style !== 2) field.type = 'text';
    field.dataset.customId = input.custom_id;
    field.dataset.kind = 'text';
    if (input.placeholder) field.placeholder = input.placeholder;
    if (input.value) field.value = input.value;
    if (input.max_length) field.maxLength = input.max_length;
    if (input.min_length) field.minLength = input.min_length;
    field.required = required;
    return field;
  }

  /** A string select in a Label: one choice (a drop-down with a placeholder) or several (a list). */
  function modalSelect(input, required) {
    const s = el('select', 'modal-input modal-select');
    s.dataset.customId = input.custom_id;
    s.dataset.kind = 'select';
    const max = input.max_values || 1;
    if (max > 1) {
      s.multiple = true;
      s.size = Math.min(6, (input.options || []).length);
    } else {
      const ph = el('option', null, input.placeholder || 'Make a selection');
      ph.value = '';
      ph.disabled = required;
      ph.selected = !(input.options || []).some((o) => o.default);
      s.append(ph);
    }
    for (const o of input.options || []) {
      const opt = el('option', null, (o.emoji && o.emoji.name ? o.emoji.name + ' ' : '') + o.label
        + (o.description ? ' — ' + o.description : ''));
      opt.value = o.value;
      opt.selected = !!o.default;
      s.append(opt);
    }
    s.required = required;
    return s;
  }

  async function submitModal() {
    const modal = S.modal;
    if (!modal) return;
    const values = {};
    for (const f of document.querySelectorAll('#modal-fields .modal-input')) {
      values[f.dataset.customId] = f.dataset.kind === 'select'
        ? [...f.selectedOptions].map((o) => o.value).filter((v) => v !== '')
        : f.value;
    }
    $('modal-submit').disabled = true;
    try {
      const r = await api('POST', asMe('/modals/' + modal.interactionId + '/submit'), { values: values });
      S.modal = null;
      $('modal').close();
      if (r && r.modal) openModal(r.modal);
      refresh();
    } catch (e) {
      const err = $('modal-error');
      err.textContent = e.message;
      err.hidden = false;
    } finally {
      $('modal-submit').disabled = false;
    }
  }

  async function dismissModal() {
    const modal = S.modal;
    S.modal = null;
    if ($('modal').open) $('modal').close();
    if (modal) {
      try {
        await api('POST', asMe('/modals/' + modal.interactionId + '/dismiss'), {});
      } catch (e) {
        showError(e.message);
      }
    }
  }

  async function restoreModal() {
    const r = await api('GET', asMe('/modals'));
    if (r.modals.length && !$('modal').open) openModal(r.modals[r.modals.length - 1]);
  }

  // ------------------------------------------------------------------ live updates and wiring

  function connectLive() {
    const live = $('live');
    const source = new EventSource('/_driver/events');
    source.addEventListener('open', () => {
      live.dataset.state = 'live';
      live.title = 'Live updates: connected';
    });
    source.addEventListener('changed', () => refresh());
    source.addEventListener('error', () => {
      live.dataset.state = 'reconnecting';
      live.title = 'Live updates: reconnecting';
    });
  }

  function wire() {
    const input = $('composer-input');
    input.addEventListener('input', onInput);
    input.addEventListener('keydown', onKey);
    input.addEventListener('blur', () => hideSuggestions());
    input.addEventListener('focus', onInput);
    $('send').addEventListener('click', send);
    $('acting-as').addEventListener('change', (ev) => {
      S.me = ev.target.value;
      const user = S.users.find((u) => u.id === S.me);
      const url = new URL(location.href);
      url.searchParams.set('as', user ? user.username : S.me);
      history.replaceState(null, '', url);
      cancelSlash();
      hideError();
      if ($('modal').open) $('modal').close();
      S.modal = null;
      rendered.clear();
      $('messages').replaceChildren();
      refresh().then(restoreModal);
    });
    $('reset').addEventListener('click', async () => {
      if (!window.confirm('Reset the sandbox? Every ticket, message and setting is forgotten.')) return;
      $('reset').disabled = true;
      await act(() => api('POST', '/reset', {}));
      $('reset').disabled = false;
    });
    $('toast').addEventListener('click', hideError);
    $('modal-submit').addEventListener('click', submitModal);
    $('modal-fields').addEventListener('change', () => { $('modal-error').hidden = true; });
    $('modal-cancel').addEventListener('click', dismissModal);
    $('modal').addEventListener('cancel', (ev) => {
      ev.preventDefault();
      dismissModal();
    });
    $('modal').addEventListener('keydown', (ev) => {
      if (ev.key === 'Enter' && ev.target.tagName === 'INPUT') {
        ev.preventDefault();
        submitModal();
      }
    });
  }

  wire();
  connectLive();
  refresh().then(restoreModal);
})();
