'use strict';
// A small discord.js 14 bot, run by DiscordJsConformanceTest against the Discord emulator: it does what a ticket
// bot does (allowed mentions, a private thread, a pin, a thread member and their message, history, rename + archive
// + lock, a DM, a slash command answered with a deferred reply and an edit) and checks what discord.js made of every
// answer.
//
// Input (environment): DISCORD_API (REST base without the version, e.g. http://127.0.0.1:PORT/api), DISCORD_TOKEN,
// and the names the test built: GUILD_NAME, SECOND_GUILD_NAME, CHANNEL_NAME, MEMBER_NAME, DM_USER_NAME, ROLE_NAME.
// Output: one line "@@ <step> <json>" per step on stdout (the test waits for some of them), the reason of a failure
// on stderr, exit code 0 when every step passed. The token is never printed.
const {
  ChannelType, Client, Events, GatewayIntentBits, Partials, ThreadAutoArchiveDuration,
} = require('discord.js');

function fail(message) {
  console.error(`FAILED: ${message}`);
  process.exit(1);
}

function env(name) {
  const value = process.env[name];
  if (!value) fail(`environment variable ${name} is not set`);
  return value;
}

function step(name, detail) {
  console.log(`@@ ${name}${detail === undefined ? '' : ` ${JSON.stringify(detail)}`}`);
}

function check(condition, what) {
  if (!condition) throw new Error(`check failed: ${what}`);
}

/** The next event of `emitter` for which `accept` holds, or a rejection after `ms`. */
function next(emitter, event, accept, ms, what) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      emitter.off(event, listener);
      reject(new Error(`no ${what} within ${ms} ms`));
    }, ms);
    function listener(...args) {
      if (!accept(...args)) return;
      clearTimeout(timer);
      emitter.off(event, listener);
      resolve(args[0]);
    }
    emitter.on(event, listener);
  });
}

const names = {
  guild: env('GUILD_NAME'),
  secondGuild: env('SECOND_GUILD_NAME'),
  channel: env('CHANNEL_NAME'),
  member: env('MEMBER_NAME'),
  dmUser: env('DM_USER_NAME'),
  role: env('ROLE_NAME'),
};
const waitMs = Number(process.env.STEP_TIMEOUT_MS || 60_000);

// The test keeps our stdin open while it runs: if its JVM goes away, so do we.
process.stdin.on('end', () => fail('the test closed stdin'));
process.stdin.resume();

const client = new Client({
  intents: [
    GatewayIntentBits.Guilds, GatewayIntentBits.GuildMembers, GatewayIntentBits.GuildMessages,
    GatewayIntentBits.DirectMessages, GatewayIntentBits.MessageContent,
  ],
  partials: [Partials.Channel],
  rest: { api: env('DISCORD_API'), version: '10' },
});
client.on(Events.Error, (e) => fail(`client error: ${e.stack || e}`));
// What discord.js reports about payloads or connections it did not like fails the run at the end.
const problems = [];
client.on(Events.Warn, (w) => problems.push(`warn: ${w}`));
client.on(Events.ShardError, (e, id) => problems.push(`shard ${id} error: ${e}`));
client.on(Events.ShardReconnecting, (id) => problems.push(`shard ${id} reconnecting`));
client.on(Events.Invalidated, () => problems.push('session invalidated'));
if (process.env.DJS_DEBUG) client.on(Events.Debug, (m) => console.log(`debug: ${m}`));
// The test lowers the heartbeat interval: at least one heartbeat must be acknowledged during the run.
const heartbeatAcked = next(client, Events.Debug, (m) => m.includes('Heartbeat acknowledged'), waitMs * 2,
  'heartbeat acknowledgement');
heartbeatAcked.catch(() => {}); // awaited at the end; a rejection before then is not unhandled

async function run() {
  // READY and the GUILD_CREATE of the guild the bot was already in: discord.js waits for it before it is ready.
  const guild = client.guilds.cache.find((g) => g.name === names.guild);
  check(guild, `guild ${names.guild} in the cache after READY`);
  const channel = guild.channels.cache.find((c) => c.name === names.channel);
  check(channel && channel.type === ChannelType.GuildText, `text channel ${names.channel}`);
  const member = guild.members.cache.find((m) => m.user.username === names.member);
  const dmUser = guild.members.cache.find((m) => m.user.username === names.dmUser);
  check(member && dmUser, 'members from GUILD_CREATE');
  const role = guild.roles.cache.find((r) => r.name === names.role);
  check(role, `role ${names.role}`);
  check(guild.members.me && guild.members.me.id === client.user.id, 'the bot\'s own member');

  // GUILD_CREATE of a guild joined while connected: discord.js emits guildCreate for it.
  const joined = next(client, Events.GuildCreate, (g) => g.name === names.secondGuild, waitMs, 'guildCreate');
  step('ready', {
    user: client.user.username, bot: client.user.bot, guilds: client.guilds.cache.size,
    channels: guild.channels.cache.size, members: guild.members.cache.size,
  });
  const second = await joined;
  step('guild-create', { name: second.name, channels: second.channels.cache.size });

  const commands = await guild.commands.set([
    { name: 'ping', description: 'Answers with a deferred reply, then an edit' },
  ]);
  check(commands.size === 1, 'one guild command registered');
  step('commands', { names: [...commands.values()].map((c) => c.name) });

  // A message that mentions a member, @everyone and a role, with allowed mentions that ping nobody.
  const hello = await channel.send({
    content: `Hello <@${member.id}>, @everyone and <@&${role.id}>: nobody is pinged`,
    allowedMentions: { parse: [] },
  });
  check(hello.author.id === client.user.id && hello.channelId === channel.id, 'the sent message');
  step('sent', { id: hello.id });

  const thread = await channel.threads.create({
    name: 'Ticket 1', type: ChannelType.PrivateThread, invitable: false,
    autoArchiveDuration: ThreadAutoArchiveDuration.OneWeek, reason: 'conformance: a ticket',
  });
  check(thread.type === ChannelType.PrivateThread && thread.parentId === channel.id, 'a private thread');
  check(thread.invitable === false, 'the thread is not invitable');
  step('thread', { id: thread.id, name: thread.name });

  const first = await thread.send({ content: 'First message of the ticket', allowedMentions: { parse: [] } });
  await first.pin('conformance: pin the first message');
  step('pinned', { id: first.id });

  await thread.members.add(member.id);
  const threadMembers = await thread.members.fetch({ cache: false });
  check(threadMembers.has(member.id), 'the added member in GET thread-members');
  // the member writes in the thread (the test posts as them once it reads this step)
  const written = next(client, Events.MessageCreate,
    (m) => m.channelId === thread.id && m.author.id === member.id, waitMs, 'the member\'s message');
  step('thread-member', { count: threadMembers.size });
  const fromMember = await written;
  check(fromMember.content === 'My printer is on fire' && fromMember.member, 'the member\'s message as received');
  step('user-message', { id: fromMember.id });

  const welcome = await thread.send({
    content: `<@${member.id}> welcome, staff will be with you`, allowedMentions: { users: [member.id] },
  });

  const history = await thread.messages.fetch({ limit: 50, cache: false });
  check(history.size === 3 && history.has(first.id) && history.has(fromMember.id) && history.has(welcome.id),
    'the three messages in the history');
  check(history.first().id === welcome.id, 'history newest first');
  const pins = await thread.messages.fetchPins();
  check(pins.items.length === 1 && pins.items[0].message.id === first.id && !pins.hasMore, 'the pin listed');
  step('history', { messages: history.size, pins: pins.items.length });

  const closed = await thread.edit({
    name: '[Closed] Ticket 1', archived: true, locked: true, reason: 'conformance: close',
  });
  check(closed.name === '[Closed] Ticket 1' && closed.archived && closed.locked, 'renamed, archived and locked');
  step('closed', { name: closed.name, archived: closed.archived, locked: closed.locked });

  const dm = await client.users.send(dmUser.id, {
    content: 'Your ticket was closed', allowedMentions: { parse: [] },
  });
  check(dm.channel.type === ChannelType.DM && dm.channel.recipientId === dmUser.id, 'a DM channel');
  step('dm', { channel: dm.channelId, id: dm.id });

  const invoked = next(client, Events.InteractionCreate,
    (i) => i.isChatInputCommand() && i.commandName === 'ping', waitMs, 'slash command');
  step('awaiting-command');
  const interaction = await invoked;
  check(interaction.user.id === member.id && interaction.channelId === channel.id, 'who ran the command, where');
  check(interaction.guildId === guild.id && interaction.member && interaction.appPermissions, 'guild context');
  await interaction.deferReply();
  const reply = await interaction.editReply({ content: 'Pong from discord.js', allowedMentions: { parse: [] } });
  check(reply.content === 'Pong from discord.js' && reply.author.id === client.user.id, 'the edited reply');
  const fetched = await interaction.fetchReply();
  check(fetched.id === reply.id && fetched.content === reply.content, 'the reply read back');
  check(fetched.interactionMetadata && fetched.interactionMetadata.id === interaction.id, 'interaction metadata');
  step('command-answered', { interaction: interaction.id, message: reply.id });
  await heartbeatAcked;
  step('heartbeat', { ping: client.ws.ping });
  check(problems.length === 0, `no warnings from discord.js: ${problems.join('; ')}`);
}

client.once(Events.ClientReady, () => {
  run().then(async () => {
    await client.destroy();
    step('done');
    process.exit(0);
  }, (e) => fail(e.stack || String(e)));
});

client.login(env('DISCORD_TOKEN')).catch((e) => fail(`login: ${e.stack || e}`));
