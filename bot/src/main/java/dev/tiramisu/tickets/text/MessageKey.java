package dev.tiramisu.tickets.text;

import java.util.List;

/**
 * Every string the bot says, as a key into {@code messages.properties}.
 *
 * <p>{@link #params()} names the arguments each message takes, in order; {@link Messages#format}
 * checks the count. Conventions for arguments: ids ({@code ...Id}) are snowflakes and are rendered
 * as Discord mentions by the message itself ({@code <@{0}>}, {@code <#{0}>}, {@code <@&{0}>});
 * {@code reason}, {@code guildName} and other user-supplied text must already be escaped with
 * {@link DiscordText#escape}; {@code number} is a ticket number. Replies that contain mentions
 * must still set allowed mentions explicitly.
 */
public enum MessageKey {
  // --- errors (usually ephemeral replies) ---
  /** A ticket command was used in DMs. */
  ERROR_NOT_IN_GUILD("error.not-in-guild"),
  /** {@code ticket_channel} is not set; tells the user what an admin must do. */
  ERROR_TICKETS_NOT_ENABLED("error.tickets-not-enabled"),
  /** {@code ticket_channel} points at a channel that is gone or invisible to the bot. */
  ERROR_TICKET_CHANNEL_UNAVAILABLE("error.ticket-channel-unavailable", "channelId"),
  /** The command needs a ticket thread and this channel is not one. */
  ERROR_NOT_A_TICKET("error.not-a-ticket"),
  /** The thread belongs to a ticket whose creation failed. */
  ERROR_TICKET_FAILED("error.ticket-failed", "number"),
  /** The actor is neither the creator nor staff (creators may close in this guild). */
  ERROR_CLOSE_NOT_ALLOWED("error.close-not-allowed"),
  /** The actor is not staff and creators may not close in this guild. */
  ERROR_CLOSE_STAFF_ONLY("error.close-staff-only"),
  /** Someone else (or an earlier click) already closed it. */
  ERROR_ALREADY_CLOSED("error.already-closed", "number", "closedById"),
  /** Reopen was asked for a ticket that is not closed. */
  ERROR_TICKET_NOT_CLOSED("error.ticket-not-closed", "number"),
  /** Only staff may reopen. */
  ERROR_REOPEN_NOT_ALLOWED("error.reopen-not-allowed"),
  /** The guild requires a reason and none was given (the adapter may show the modal instead). */
  ERROR_REASON_REQUIRED("error.reason-required"),
  /** The reason is longer than {@code max} characters. */
  ERROR_REASON_TOO_LONG("error.reason-too-long", "length", "max"),
  /** Database failure ({@code StorageUnavailableException}); nothing was saved. */
  ERROR_DATABASE_UNAVAILABLE("error.database-unavailable"),
  /**
   * The bot lacks permissions in a channel; {@code permissions} is a list of {@code PERMISSION_*}
   * texts joined by the adapter.
   */
  ERROR_MISSING_PERMISSIONS("error.missing-permissions", "channelId", "permissions"),
  /** Discord refused to create the thread; the ticket was marked failed. */
  ERROR_THREAD_CREATION_FAILED("error.thread-creation-failed", "number"),
  /** Unexpected bug; details are in the log. */
  ERROR_INTERNAL("error.internal"),
  /** Changing settings needs Manage Server. */
  ERROR_SETTINGS_NOT_ALLOWED("error.settings-not-allowed"),
  /** No setting with that name; {@code known} lists the names. */
  ERROR_SETTING_UNKNOWN("error.setting-unknown", "name", "known"),
  ERROR_SETTING_INVALID_CHANNEL("error.setting-invalid-channel", "name", "value"),
  ERROR_SETTING_INVALID_ROLE("error.setting-invalid-role", "name", "value"),
  ERROR_SETTING_INVALID_BOOLEAN("error.setting-invalid-boolean", "name", "value"),
  /** The name template lacks exactly one {@code {number}}. */
  ERROR_SETTING_TEMPLATE_NO_NUMBER("error.setting-template-no-number", "name"),
  /** The name template would make thread names longer than Discord allows. */
  ERROR_SETTING_TEMPLATE_TOO_LONG("error.setting-template-too-long", "name", "max"),
  /** The name template is blank, multi-line or starts with the closed prefix. */
  ERROR_SETTING_TEMPLATE_INVALID("error.setting-template-invalid", "name"),
  /** For the adapter: the channel given for a channel setting is not a text channel. */
  ERROR_SETTING_CHANNEL_TYPE("error.setting-channel-type", "name"),
  ERROR_SETTING_INVALID_NUMBER("error.setting-invalid-number", "name", "value", "min", "max"),
  ERROR_SETTING_WARNING_NOT_BEFORE("error.setting-warning-not-before", "warning", "after"),
  ERROR_DURATION_INVALID("error.duration-invalid", "value"),
  ERROR_DURATION_RANGE("error.duration-range", "value", "min", "max"),
  /** Unexpected bug; {@code ref} is the short reference logged with the details. */
  ERROR_INTERNAL_REF("error.internal-ref", "ref"),
  /** A button, select menu or form whose custom id the bot does not know (old or foreign). */
  ERROR_UNKNOWN_COMPONENT("error.unknown-component"),
  /** A slash command the bot does not know (an old registration). */
  ERROR_UNKNOWN_COMMAND("error.unknown-command"),

  // --- permission names, for ERROR_MISSING_PERMISSIONS ---
  PERMISSION_VIEW_CHANNEL("permission.view-channel"),
  PERMISSION_SEND_MESSAGES("permission.send-messages"),
  PERMISSION_SEND_MESSAGES_IN_THREADS("permission.send-messages-in-threads"),
  PERMISSION_CREATE_PRIVATE_THREADS("permission.create-private-threads"),
  PERMISSION_MANAGE_THREADS("permission.manage-threads"),
  PERMISSION_EMBED_LINKS("permission.embed-links"),
  PERMISSION_READ_MESSAGE_HISTORY("permission.read-message-history"),
  PERMISSION_MENTION_EVERYONE("permission.mention-everyone"),
  /** Pinning needs Pin Messages (or the older Manage Messages). */
  PERMISSION_PIN_MESSAGES("permission.pin-messages"),

  // --- ticket lifecycle ---
  /** Ephemeral reply to the creator once the thread exists. */
  TICKET_OPENED_REPLY("ticket.opened.reply", "number", "threadId"),
  /**
   * The bot's first message in the thread. It must mention the creator first (the legacy creator
   * fallback reads the first user mention), then the staff role, which adds them to the thread.
   */
  TICKET_OPENED_MESSAGE("ticket.opened.message", "creatorId", "staffRoleId", "reason"),
  /** First message when no {@code staff_role} is set. */
  TICKET_OPENED_MESSAGE_NO_STAFF("ticket.opened.message-no-staff", "creatorId", "reason"),
  /** Placeholder for {@code reason} when none was given. */
  TICKET_NO_REASON("ticket.no-reason"),
  /** Log channel line when a ticket is opened. */
  TICKET_OPENED_LOG("ticket.opened.log", "number", "creatorId", "threadId"),
  /** Confirmation prompt before closing. */
  TICKET_CLOSE_CONFIRM("ticket.close.confirm", "number"),
  /** The closer pressed cancel. */
  TICKET_CLOSE_CANCELLED("ticket.close.cancelled"),
  /** Posted in the thread before it is locked and archived. */
  TICKET_CLOSED_MESSAGE("ticket.closed.message", "closedById", "reason"),
  /** Ephemeral acknowledgement to the closer. */
  TICKET_CLOSED_REPLY("ticket.closed.reply", "number"),
  /** DM to the creator. */
  TICKET_CLOSED_DM("ticket.closed.dm", "number", "guildName", "closedById", "reason", "threadUrl"),
  /** Told to the closer when the creator could not be DMed. */
  TICKET_CLOSED_DM_FAILED("ticket.closed.dm-failed", "creatorId"),
  /** Told to the closer when the log channel is gone or refused the log line. */
  TICKET_CLOSED_LOG_FAILED("ticket.closed.log-failed", "channelId"),
  /** Told to the closer when no log channel is set. */
  TICKET_CLOSED_NO_LOG("ticket.closed.no-log"),
  /** Told to the closer when renaming, locking or archiving the thread failed. */
  TICKET_CLOSED_THREAD_FAILED("ticket.closed.thread-failed"),
  /** Told to the closer when the creator was sent a direct message. */
  TICKET_CLOSED_DM_SENT("ticket.closed.dm-sent", "creatorId"),
  /** Told to the closer when the log line was posted. */
  TICKET_CLOSED_LOGGED("ticket.closed.logged", "channelId"),
  /** Told to the member when the thread is not set up yet after a while (Discord slow or failing). */
  TICKET_OPEN_PENDING("ticket.open.pending", "number"),
  /** Added to the opened reply when the first message could not be posted. */
  TICKET_OPENED_FIRST_MESSAGE_FAILED("ticket.opened.first-message-failed"),
  /** Told to the closer when the Discord side of the close is not finished after a while. */
  TICKET_CLOSE_PENDING("ticket.close.pending", "number"),
  /** {@code /ticket check}: Discord steps of the ticket still to be done; {@code steps} is a list. */
  TICKET_CHECK_EFFECTS_PENDING("ticket.check.effects-pending", "steps"),
  /** {@code /ticket check}: Discord steps that could not be done; {@code steps} is a list. */
  TICKET_CHECK_EFFECTS_FAILED("ticket.check.effects-failed", "steps"),
  /** {@code /ticket check}: every Discord step of the ticket is done. */
  TICKET_CHECK_EFFECTS_DONE("ticket.check.effects-done"),
  /** One step in the lists above: {@code step} is an EFFECT_ text, {@code attempts} a count. */
  TICKET_CHECK_EFFECT_ITEM("ticket.check.effect-item", "step", "attempts"),
  EFFECT_CREATE_THREAD("effect.create-thread"),
  EFFECT_ADD_CREATOR("effect.add-creator"),
  EFFECT_FIRST_MESSAGE("effect.first-message"),
  EFFECT_PIN_FIRST("effect.pin-first"),
  EFFECT_REPLY_OPENED("effect.reply-opened"),
  EFFECT_POST_CLOSED("effect.post-closed"),
  EFFECT_CLOSE_THREAD("effect.close-thread"),
  EFFECT_DM_CLOSED("effect.dm-closed"),
  EFFECT_LOG_CLOSED("effect.log-closed"),
  EFFECT_REPLY_CLOSED("effect.reply-closed"),
  EFFECT_REPLY_CLOSING("effect.reply-closing"),
  /**
   * The closer's first answer, under {@link #TICKET_CLOSED_REPLY}, once the thread is closed: the
   * DM and the log line are still being sent (the answer is then edited into their outcome).
   */
  TICKET_CLOSED_FINISHING("ticket.closed.finishing", "creatorId"),
  /** As {@link #TICKET_CLOSED_FINISHING}, when no log channel is set. */
  TICKET_CLOSED_FINISHING_NO_LOG("ticket.closed.finishing-no-log", "creatorId"),
  /** Someone pressed a confirmation button that belongs to another member. */
  ERROR_NOT_YOUR_CONFIRMATION("error.not-your-confirmation"),
  /** Staff-only commands ({@code /ticket check}, {@code /ticket button}). */
  ERROR_STAFF_ONLY("error.staff-only"),
  /** The panel can only be posted in a text channel. */
  ERROR_PANEL_CHANNEL_TYPE("error.panel-channel-type"),
  /** {@code /ticket check}: the thread is a ticket. */
  TICKET_CHECK_IS_TICKET("ticket.check.is-ticket", "channelId", "number"),
  /** {@code /ticket check}: the thread is not a ticket; {@code why} is one of the CHECK_WHY texts. */
  TICKET_CHECK_NOT_TICKET("ticket.check.not-ticket", "channelId", "why"),
  CHECK_WHY_NOT_A_THREAD("check.why.not-a-thread"),
  CHECK_WHY_TICKET_CHANNEL_NOT_SET("check.why.ticket-channel-not-set"),
  CHECK_WHY_NOT_COUNTING("check.why.not-counting"),
  CHECK_WHY_NOT_PRIVATE("check.why.not-private"),
  CHECK_WHY_WRONG_PARENT("check.why.wrong-parent"),
  CHECK_WHY_NAME_MISMATCH("check.why.name-mismatch"),
  CHECK_WHY_NUMBER_TOO_HIGH("check.why.number-too-high"),
  /** {@code /ticket button} posted the panel. */
  PANEL_POSTED("panel.posted", "channelId"),
  /** Setting {@code staff_role}: the role cannot be pinged, so staff will not be added to threads. */
  SETTING_STAFF_ROLE_NOT_PINGABLE("setting.staff-role-not-pingable", "roleId"),
  /** Log channel line when a ticket is closed. */
  TICKET_CLOSED_LOG(
      "ticket.closed.log", "number", "creatorId", "closedById", "reason", "threadId"),
  /** An admin continued the numbering of an older bot; {@code number} is the last number. */
  TICKET_COUNTER_IMPORTED("ticket.counter-imported", "number"),
  /** Posted in the thread when staff reopen it. */
  TICKET_REOPENED_MESSAGE("ticket.reopened.message", "reopenedById"),
  /** Log channel line when a ticket is reopened. */
  TICKET_REOPENED_LOG("ticket.reopened.log", "number", "reopenedById", "threadId"),

  // --- components ---
  PANEL_MESSAGE("panel.message"),
  BUTTON_OPEN_TICKET("button.open-ticket"),
  BUTTON_CLOSE_TICKET("button.close-ticket"),
  BUTTON_CLOSE_CONFIRM("button.close-confirm"),
  BUTTON_CANCEL("button.cancel"),
  MODAL_OPEN_TITLE("modal.open.title"),
  MODAL_OPEN_REASON_LABEL("modal.open.reason-label"),
  MODAL_OPEN_REASON_PLACEHOLDER("modal.open.reason-placeholder"),
  MODAL_CLOSE_TITLE("modal.close.title"),
  MODAL_CLOSE_REASON_LABEL("modal.close.reason-label"),

  // --- command descriptions (Discord allows 100 characters) ---
  COMMAND_TICKET_DESCRIPTION("command.ticket.description"),
  COMMAND_CLOSE_DESCRIPTION("command.close.description"),
  COMMAND_REOPEN_DESCRIPTION("command.reopen.description"),
  COMMAND_TICKET_GROUP_DESCRIPTION("command.ticket-group.description"),
  COMMAND_CHECK_DESCRIPTION("command.check.description"),
  COMMAND_BUTTON_DESCRIPTION("command.button.description"),
  OPTION_CLOSE_REASON_DESCRIPTION("option.close-reason.description"),
  OPTION_CHECK_THREAD_DESCRIPTION("option.check-thread.description"),
  OPTION_PANEL_CHANNEL_DESCRIPTION("option.panel-channel.description"),
  OPTION_PANEL_MESSAGE_DESCRIPTION("option.panel-message.description"),
  COMMAND_SETTING_DESCRIPTION("command.setting.description"),
  COMMAND_SETTING_SET_DESCRIPTION("command.setting.set.description"),
  COMMAND_SETTING_GET_DESCRIPTION("command.setting.get.description"),
  OPTION_REASON_DESCRIPTION("option.reason.description"),
  OPTION_SETTING_NAME_DESCRIPTION("option.setting-name.description"),
  OPTION_SETTING_VALUE_DESCRIPTION("option.setting-value.description"),

  // --- settings ---
  /** {@code /setting set} succeeded; {@code value} is the display value. */
  SETTING_SAVED("setting.saved", "name", "value"),
  /** The setting went back to its default. */
  SETTING_RESET("setting.reset", "name", "value"),
  /** One line of {@code /setting get}. */
  SETTING_LINE("setting.line", "name", "value", "description"),
  SETTING_LIST_HEADER("setting.list.header"),
  SETTING_VALUE_NOT_SET("setting.value.not-set"),
  SETTING_VALUE_ON("setting.value.on"),
  SETTING_VALUE_OFF("setting.value.off"),
  SETTING_DESCRIPTION_TICKET_CHANNEL("setting.description.ticket_channel"),
  SETTING_DESCRIPTION_STAFF_ROLE("setting.description.staff_role"),
  SETTING_DESCRIPTION_MODLOG_CHANNEL("setting.description.modlog_channel"),
  SETTING_DESCRIPTION_TRANSCRIPT_CHANNEL("setting.description.transcript_channel"),
  SETTING_DESCRIPTION_REQUIRE_REASON("setting.description.require_reason"),
  SETTING_DESCRIPTION_CREATOR_CAN_CLOSE("setting.description.creator_can_close"),
  SETTING_DESCRIPTION_NAME_TEMPLATE("setting.description.name_template"),
  SETTING_DESCRIPTION_MAX_OPEN_PER_USER("setting.description.max_open_per_user"),
  SETTING_DESCRIPTION_CREATE_COOLDOWN("setting.description.create_cooldown"),
  SETTING_DESCRIPTION_AUTOCLOSE_AFTER("setting.description.autoclose_after"),
  SETTING_DESCRIPTION_AUTOCLOSE_WARNING("setting.description.autoclose_warning"),
  SETTING_DESCRIPTION_CREATOR_CAN_ADD("setting.description.creator_can_add"),
  SETTING_DESCRIPTION_CLAIM_NOTICE("setting.description.claim_notice"),
  SETTING_VALUE_UNLIMITED("setting.value.unlimited"),

  // --- issue 11, staff-limits: limits, blocklist, /ticket list, what staff read ---
  /** The member has {@code max_open_per_user} open tickets; links the newest. */
  ERROR_LIMIT_OPEN("error.limit-open", "count", "threadId"),
  /** As above, but the newest open ticket's thread is still being created. */
  ERROR_LIMIT_OPEN_PENDING("error.limit-open-pending", "count", "number"),
  /** {@code create_cooldown}: when the member may open again, in epoch seconds. */
  ERROR_LIMIT_COOLDOWN("error.limit-cooldown", "epochSeconds"),
  /** The member or one of their roles is on the guild's blocklist. */
  ERROR_BLOCKED("error.blocked"),
  /** {@code /blocklist add} of {@code @everyone}. */
  ERROR_BLOCKLIST_EVERYONE("error.blocklist-everyone"),
  /** {@code /blocklist add} of a bot. */
  ERROR_BLOCKLIST_BOT("error.blocklist-bot"),
  /** {@code /blocklist} needs Manage Server. */
  ERROR_BLOCKLIST_NOT_ALLOWED("error.blocklist-not-allowed"),
  BLOCKLIST_ADDED_USER("blocklist.added-user", "userId"),
  BLOCKLIST_ADDED_ROLE("blocklist.added-role", "roleId"),
  BLOCKLIST_ALREADY_USER("blocklist.already-user", "userId"),
  BLOCKLIST_ALREADY_ROLE("blocklist.already-role", "roleId"),
  BLOCKLIST_REMOVED_USER("blocklist.removed-user", "userId"),
  BLOCKLIST_REMOVED_ROLE("blocklist.removed-role", "roleId"),
  BLOCKLIST_NOT_LISTED_USER("blocklist.not-listed-user", "userId"),
  BLOCKLIST_NOT_LISTED_ROLE("blocklist.not-listed-role", "roleId"),
  BLOCKLIST_LIST_HEADER("blocklist.list.header", "count"),
  BLOCKLIST_LIST_EMPTY("blocklist.list.empty"),
  BLOCKLIST_LIST_USER("blocklist.list.user", "userId", "addedById", "epochSeconds"),
  BLOCKLIST_LIST_ROLE("blocklist.list.role", "roleId", "addedById", "epochSeconds"),
  /** More entries than fit in one message. */
  BLOCKLIST_LIST_MORE("blocklist.list.more", "count"),
  /** Log channel lines of blocklist changes. */
  BLOCKLIST_LOG_ADDED_USER("blocklist.log.added-user", "actorId", "userId"),
  BLOCKLIST_LOG_ADDED_ROLE("blocklist.log.added-role", "actorId", "roleId"),
  BLOCKLIST_LOG_REMOVED_USER("blocklist.log.removed-user", "actorId", "userId"),
  BLOCKLIST_LOG_REMOVED_ROLE("blocklist.log.removed-role", "actorId", "roleId"),
  /** Added to a blocklist answer: where the change was logged, or why not. */
  BLOCKLIST_LOGGED("blocklist.logged", "channelId"),
  BLOCKLIST_LOG_FAILED("blocklist.log-failed", "channelId"),
  BLOCKLIST_NO_LOG("blocklist.no-log"),
  COMMAND_BLOCKLIST_DESCRIPTION("command.blocklist.description"),
  COMMAND_BLOCKLIST_ADD_DESCRIPTION("command.blocklist.add.description"),
  COMMAND_BLOCKLIST_REMOVE_DESCRIPTION("command.blocklist.remove.description"),
  COMMAND_BLOCKLIST_LIST_DESCRIPTION("command.blocklist.list.description"),
  OPTION_BLOCKLIST_TARGET_DESCRIPTION("option.blocklist-target.description"),
  /** {@code /ticket list}. */
  COMMAND_LIST_DESCRIPTION("command.list.description"),
  OPTION_LIST_USER_DESCRIPTION("option.list-user.description"),
  OPTION_LIST_STATE_DESCRIPTION("option.list-state.description"),
  TICKET_LIST_HEADER("ticket.list.header", "count", "page", "pages"),
  TICKET_LIST_HEADER_USER("ticket.list.header-user", "count", "userId", "page", "pages"),
  TICKET_LIST_EMPTY("ticket.list.empty"),
  /** One ticket of the list; {@code state} a TICKET_STATE_ text, {@code where} a thread or none. */
  TICKET_LIST_LINE("ticket.list.line", "number", "state", "creatorId", "where", "epochSeconds"),
  TICKET_LIST_THREAD("ticket.list.thread", "threadId"),
  TICKET_LIST_NO_THREAD("ticket.list.no-thread"),
  TICKET_STATE_OPEN("ticket.state.open"),
  TICKET_STATE_CLOSED("ticket.state.closed"),
  TICKET_STATE_FAILED("ticket.state.failed"),
  TICKET_STATE_ALL("ticket.state.all"),
  BUTTON_PREVIOUS("button.previous"),
  BUTTON_NEXT("button.next"),
  /** Added to the member's answer when no {@code staff_role} is set: nobody was notified. */
  TICKET_OPENED_NO_STAFF_NOTE("ticket.opened.no-staff-note"),
  /** A setting answer when tickets notify nobody because {@code staff_role} is not set. */
  SETTING_NO_STAFF_ROLE("setting.no-staff-role"),
  /** {@code staff_role} given a role managed by an integration (a bot's own role). */
  ERROR_SETTING_MANAGED_ROLE("error.setting-managed-role", "name", "roleId"),
  /** A log channel that {@code @everyone} can read. */
  SETTING_LOG_CHANNEL_PUBLIC("setting.log-channel-public", "channelId"),
  /** The name template uses a placeholder other than {number} and {user}. */
  ERROR_SETTING_TEMPLATE_UNKNOWN_PLACEHOLDER(
      "error.setting-template-unknown-placeholder", "name", "placeholder"),
  /** Discord refused the thread with 160006: the guild has too many active threads. */
  ERROR_THREAD_LIMIT_REACHED("error.thread-limit-reached", "number"),
  // --- staff workflow (issue 11): claim, add/remove, reopen, rename limit ---
  /** Only staff may claim. */
  ERROR_CLAIM_STAFF_ONLY("error.claim-staff-only"),
  /** The action needs an open ticket. */
  ERROR_TICKET_CLOSED("error.ticket-closed", "number"),
  /** Someone else holds the ticket. */
  ERROR_ALREADY_CLAIMED("error.already-claimed", "number", "claimerId"),
  /** The actor already holds it. */
  ERROR_ALREADY_CLAIMED_BY_YOU("error.already-claimed-by-you", "number"),
  /** Unclaim or transfer of a ticket nobody holds. */
  ERROR_NOT_CLAIMED("error.not-claimed", "number"),
  /** Only the claimer or Manage Server may release a claim. */
  ERROR_UNCLAIM_NOT_ALLOWED("error.unclaim-not-allowed", "number", "claimerId"),
  /** Only the claimer or Manage Server may transfer a claim. */
  ERROR_TRANSFER_NOT_ALLOWED("error.transfer-not-allowed", "number", "claimerId"),
  /** The user named is a bot. */
  ERROR_TARGET_BOT("error.target-bot", "userId"),
  /** The user named is not a member of the server. */
  ERROR_TARGET_NOT_MEMBER("error.target-not-member", "userId"),
  /** The transfer names the current claimer. */
  ERROR_TRANSFER_SAME("error.transfer-same", "number", "userId"),
  /** A claim can only go to staff. */
  ERROR_TRANSFER_NOT_STAFF("error.transfer-not-staff", "userId"),
  /** Neither staff nor (with creator_can_add) the creator. */
  ERROR_ADD_NOT_ALLOWED("error.add-not-allowed", "number"),
  /** Only staff may add (creator_can_add is off). */
  ERROR_ADD_STAFF_ONLY("error.add-staff-only", "number"),
  /** Only staff may remove. */
  ERROR_REMOVE_STAFF_ONLY("error.remove-staff-only", "number"),
  /** The creator cannot be removed. */
  ERROR_REMOVE_CREATOR("error.remove-creator", "userId", "number"),
  /** The user is in the thread already. */
  ERROR_ALREADY_IN_TICKET("error.already-in-ticket", "userId", "number"),
  /** The user is not in the thread. */
  ERROR_NOT_IN_TICKET("error.not-in-ticket", "userId", "number"),
  /** Under the first message while the ticket is claimed. */
  TICKET_CLAIMED_LINE("ticket.claimed.line", "claimerId"),
  /** Added to staff's answers on a ticket someone else claimed (claim_notice). */
  TICKET_CLAIM_NOTICE("ticket.claim.notice", "claimerId"),
  /** Answer to the claimer. */
  TICKET_CLAIMED_REPLY("ticket.claimed.reply", "number"),
  /** Answer to unclaim. */
  TICKET_UNCLAIMED_REPLY("ticket.unclaimed.reply", "number"),
  /** Answer to transfer. */
  TICKET_TRANSFERRED_REPLY("ticket.transferred.reply", "number", "userId"),
  /** Log line: claimed. */
  TICKET_CLAIMED_LOG("ticket.claimed.log", "number", "claimerId", "threadId"),
  /** Log line: claim released. */
  TICKET_UNCLAIMED_LOG("ticket.unclaimed.log", "number", "actorId", "claimerId", "threadId"),
  /** Log line: claim transferred. */
  TICKET_TRANSFERRED_LOG("ticket.transferred.log", "number", "fromId", "toId", "actorId", "threadId"),
  /** Posted in the thread; pings only the added member. */
  TICKET_MEMBER_ADDED_MESSAGE("ticket.member-added.message", "actorId", "userId"),
  /** Posted in the thread; pings nobody. */
  TICKET_MEMBER_REMOVED_MESSAGE("ticket.member-removed.message", "actorId", "userId"),
  /** Log line: member added. */
  TICKET_MEMBER_ADDED_LOG("ticket.member-added.log", "number", "userId", "actorId", "threadId"),
  /** Log line: member removed. */
  TICKET_MEMBER_REMOVED_LOG("ticket.member-removed.log", "number", "userId", "actorId", "threadId"),
  /** Answer to add. */
  TICKET_MEMBER_ADDED_REPLY("ticket.member-added.reply", "userId", "number"),
  /** Answer to remove. */
  TICKET_MEMBER_REMOVED_REPLY("ticket.member-removed.reply", "userId", "number"),
  /** Answer to reopen. */
  TICKET_REOPENED_REPLY("ticket.reopened.reply", "number", "threadId"),
  /** A close confirmation once the ticket closed (its buttons removed). */
  TICKET_CLOSE_CONFIRM_CLOSED("ticket.close.confirm-closed", "number"),
  /** Told to the closer when Discord's rename limit delays the rename. */
  TICKET_CLOSED_RENAME_PENDING("ticket.closed.rename-pending"),
  BUTTON_CLAIM("button.claim"),
  /** The Claim button, disabled, once claimed. */
  BUTTON_CLAIMED("button.claimed"),
  BUTTON_REOPEN("button.reopen"),
  COMMAND_CLAIM_DESCRIPTION("command.claim.description"),
  COMMAND_UNCLAIM_DESCRIPTION("command.unclaim.description"),
  COMMAND_TRANSFER_DESCRIPTION("command.transfer.description"),
  COMMAND_ADD_DESCRIPTION("command.add.description"),
  COMMAND_REMOVE_DESCRIPTION("command.remove.description"),
  OPTION_TRANSFER_MEMBER_DESCRIPTION("option.transfer-member.description"),
  OPTION_ADD_MEMBER_DESCRIPTION("option.add-member.description"),
  OPTION_REMOVE_MEMBER_DESCRIPTION("option.remove-member.description"),
  EFFECT_RENAME_THREAD("effect.rename-thread"),
  EFFECT_EDIT_FIRST_MESSAGE("effect.edit-first-message"),
  EFFECT_CLEAR_CONFIRMATION("effect.clear-confirmation"),
  EFFECT_REOPEN_THREAD("effect.reopen-thread"),
  EFFECT_POST_NOTICE("effect.post-notice"),
  EFFECT_LOG_NOTICE("effect.log-notice"),
  EFFECT_ADD_MEMBER("effect.add-member"),
  EFFECT_REMOVE_MEMBER("effect.remove-member"),
  // --- timers (issue 11: close requests, auto-close, the world changing) ---
  /** A staff member asked for a close request in their own ticket. */
  ERROR_CLOSE_REQUEST_OWN_TICKET("error.close-request.own-ticket"),
  /** A close request button whose request no longer exists. */
  ERROR_CLOSE_REQUEST_UNKNOWN("error.close-request.unknown"),
  /** Someone other than the creator pressed a close request's button. */
  ERROR_CLOSE_REQUEST_NOT_YOURS("error.close-request.not-yours", "creatorId"),
  /** The request was answered, replaced, cancelled or expired already. */
  ERROR_CLOSE_REQUEST_SETTLED("error.close-request.settled"),
  /** The request's post in the thread; {@code reason} escaped. */
  CLOSE_REQUEST_MESSAGE("close-request.message", "creatorId", "staffId", "reason"),
  /** The same with a deadline ({@code due}: epoch seconds). */
  CLOSE_REQUEST_MESSAGE_DUE("close-request.message-due", "creatorId", "staffId", "reason", "due"),
  CLOSE_REQUEST_OUTCOME_ACCEPTED("close-request.outcome.accepted", "staffId", "creatorId"),
  CLOSE_REQUEST_OUTCOME_KEPT_OPEN("close-request.outcome.kept-open", "staffId", "creatorId"),
  CLOSE_REQUEST_OUTCOME_CANCELLED("close-request.outcome.cancelled", "staffId", "creatorId"),
  CLOSE_REQUEST_OUTCOME_REPLACED("close-request.outcome.replaced", "staffId", "creatorId"),
  CLOSE_REQUEST_OUTCOME_EXPIRED("close-request.outcome.expired", "staffId", "creatorId"),
  BUTTON_CLOSE_REQUEST_ACCEPT("button.close-request.accept"),
  BUTTON_CLOSE_REQUEST_KEEP("button.close-request.keep"),
  /** Answer to the staff member who asked. */
  CLOSE_REQUEST_SENT("close-request.sent", "creatorId"),
  CLOSE_REQUEST_SENT_DUE("close-request.sent-due", "creatorId", "due"),
  /** The request is saved but its post is still in progress. */
  CLOSE_REQUEST_POST_PENDING("close-request.post-pending"),
  /** The request was saved but could not be posted in the thread. */
  CLOSE_REQUEST_POST_FAILED("close-request.post-failed"),
  /** Close reasons the bot writes (stored as the ticket's close reason). */
  CLOSE_REQUEST_ACCEPTED_REASON("close-request.accepted-reason"),
  CLOSE_REQUEST_EXPIRED_REASON("close-request.expired-reason"),
  AUTOCLOSE_REASON("autoclose.reason"),
  CLOSE_REASON_THREAD_DELETED("close.reason.thread-deleted"),
  CLOSE_REASON_CHANNEL_DELETED("close.reason.channel-deleted"),
  /** The inactivity warning in the thread ({@code closeAt}: epoch seconds). */
  AUTOCLOSE_WARNING_MESSAGE("autoclose.warning", "creatorId", "closeAt"),
  /** Log lines. */
  LOG_CLOSE_REQUESTED("log.close-request.requested", "number", "staffId", "creatorId", "reason",
      "threadId"),
  LOG_CLOSE_REQUESTED_DUE("log.close-request.requested-due", "number", "staffId", "creatorId",
      "reason", "threadId", "due"),
  LOG_CLOSE_REQUEST_KEPT_OPEN("log.close-request.kept-open", "number", "creatorId", "threadId"),
  LOG_CLOSE_REQUEST_CANCELLED("log.close-request.cancelled", "number", "creatorId", "threadId"),
  LOG_AUTOCLOSE_WARNED("log.autoclose.warned", "number", "threadId", "closeAt"),
  /** Added to the close's log line when the creator had left the server. */
  LOG_DM_SKIPPED_LEFT("log.dm-skipped-left", "creatorId"),
  /** Line of the closer's answer when the creator had left the server. */
  TICKET_CLOSED_DM_SKIPPED_LEFT("ticket.closed.dm-skipped-left", "creatorId"),
  /** Shown on the next /setting command after a channel with tickets was deleted. */
  NOTICE_CHANNEL_DELETED("notice.channel-deleted", "channelId", "count", "when"),
  EFFECT_CLOSE_REQUEST_POST("effect.close-request-post"),
  EFFECT_CLOSE_REQUEST_UPDATE("effect.close-request-update"),
  EFFECT_AUTOCLOSE_WARNING("effect.autoclose-warning"),
  EFFECT_LOG_TIMER("effect.log-timer"),
  // ticket types (issue 12)
  ERROR_TYPE_UNKNOWN("error.type-unknown", "name", "types"),
  ERROR_TYPE_GONE("error.type-gone"),
  ERROR_TYPE_NEEDED("error.type-needed", "types"),
  ERROR_TYPE_NAME_INVALID("error.type-name-invalid", "max"),
  ERROR_TYPE_NAME_TAKEN("error.type-name-taken", "name"),
  ERROR_TYPE_TOO_MANY("error.type-too-many", "max"),
  ERROR_TYPE_TOO_MANY_ROLES("error.type-too-many-roles", "max"),
  ERROR_TYPE_TEXT_TOO_LONG("error.type-text-too-long", "field", "max"),
  ERROR_TYPE_EMOJI_INVALID("error.type-emoji-invalid"),
  ERROR_TYPE_NOTHING_TO_EDIT("error.type-nothing-to-edit"),
  TYPE_CREATED("type.created", "name"),
  TYPE_EDITED("type.edited", "name"),
  TYPE_DELETED("type.deleted", "name"),
  TYPE_LIST_EMPTY("type.list.empty"),
  TYPE_LIST_HEADER("type.list.header", "count"),
  TYPE_LIST_LINE("type.list.line", "name", "channel", "staff", "template", "maxOpen",
      "cooldown", "description"),
  TYPE_INHERITED("type.inherited"),
  TICKET_PICK_TYPE("ticket.pick-type"),
  TICKET_PICK_TYPE_PLACEHOLDER("ticket.pick-type.placeholder"),
  TICKET_TYPE_LINE("ticket.type-line", "emoji", "name"),
  TICKET_OPENED_MESSAGE_ROLES("ticket.opened.message-roles", "creatorId", "roles", "reason"),
  OPTION_TICKET_TYPE_DESCRIPTION("option.ticket-type.description"),
  OPTION_TYPE_NAME_DESCRIPTION("option.type-name.description"),
  OPTION_TYPE_NEW_NAME_DESCRIPTION("option.type-new-name.description"),
  OPTION_TYPE_CHANNEL_DESCRIPTION("option.type-channel.description"),
  OPTION_TYPE_STAFF_ROLES_DESCRIPTION("option.type-staff-roles.description"),
  OPTION_TYPE_EMOJI_DESCRIPTION("option.type-emoji.description"),
  OPTION_TYPE_DESCRIPTION_DESCRIPTION("option.type-description.description"),
  OPTION_TYPE_TEMPLATE_DESCRIPTION("option.type-template.description"),
  OPTION_TYPE_MAX_OPEN_DESCRIPTION("option.type-max-open.description"),
  OPTION_TYPE_COOLDOWN_DESCRIPTION("option.type-cooldown.description"),
  COMMAND_TICKETTYPE_DESCRIPTION("command.tickettype.description"),
  COMMAND_TICKETTYPE_CREATE_DESCRIPTION("command.tickettype-create.description"),
  COMMAND_TICKETTYPE_EDIT_DESCRIPTION("command.tickettype-edit.description"),
  COMMAND_TICKETTYPE_DELETE_DESCRIPTION("command.tickettype-delete.description"),
  COMMAND_TICKETTYPE_LIST_DESCRIPTION("command.tickettype-list.description"),
  // ticket type forms (issue 12)
  ERROR_FORM_FULL("error.form-full", "max"),
  ERROR_FORM_LABEL_INVALID("error.form-label-invalid", "max"),
  ERROR_FORM_STYLE_INVALID("error.form-style-invalid"),
  ERROR_FORM_LENGTH_RANGE("error.form-length-range", "max"),
  ERROR_FORM_OPTIONS_FOR_TEXT("error.form-options-for-text"),
  ERROR_FORM_OPTIONS_NEEDED("error.form-options-needed"),
  ERROR_FORM_OPTION_INVALID("error.form-option-invalid", "max"),
  ERROR_FORM_OPTION_DUPLICATE("error.form-option-duplicate", "option"),
  ERROR_FORM_TOO_MANY_OPTIONS("error.form-too-many-options", "max", "count"),
  ERROR_FORM_SINGLE_RANGE("error.form-single-range"),
  ERROR_FORM_CHOICES_RANGE("error.form-choices-range", "count"),
  ERROR_FORM_NO_QUESTION("error.form-no-question", "position", "count"),
  ERROR_FORM_ANSWER_REQUIRED("error.form-answer-required", "label"),
  ERROR_FORM_ANSWER_LENGTH("error.form-answer-length", "label", "min", "max", "length"),
  ERROR_FORM_ANSWER_ONE_LINE("error.form-answer-one-line", "label"),
  ERROR_FORM_ANSWER_CHOICE("error.form-answer-choice", "label"),
  ERROR_FORM_ANSWER_CHOICES("error.form-answer-choices", "label", "min", "max"),
  ERROR_FORM_CHANGED("error.form-changed", "name"),
  ERROR_FORM_NOT_SHOWN("error.form-not-shown", "name"),
  FORM_YOUR_ANSWERS("form.your-answers", "answers"),
  FORM_QUESTION_ADDED("form.question-added", "position", "label", "name"),
  FORM_QUESTION_REMOVED("form.question-removed", "position", "label", "name"),
  FORM_LIST_EMPTY("form.list-empty", "name"),
  FORM_LIST_HEADER("form.list-header", "name", "count", "max"),
  FORM_LIST_LINE_TEXT("form.list-line-text", "position", "label", "style", "required", "min", "max"),
  FORM_LIST_LINE_SELECT("form.list-line-select", "position", "label", "required", "choices", "options"),
  FORM_REQUIRED("form.required"),
  FORM_OPTIONAL("form.optional"),
  FORM_CHOICE_ONE("form.choice-one"),
  FORM_CHOICES("form.choices", "min", "max"),
  OPTION_QUESTION_STYLE_SHORT("option.question-style-short"),
  OPTION_QUESTION_STYLE_PARAGRAPH("option.question-style-paragraph"),
  OPTION_QUESTION_STYLE_SELECT("option.question-style-select"),
  FORM_REASON_NOTE("form.reason-note"),
  MODAL_FORM_TITLE("modal.form.title", "name"),
  TICKET_FIRST_HEADING("ticket.first-heading", "emoji", "name", "number"),
  TICKET_FIRST_HEADING_PLAIN("ticket.first-heading-plain", "number"),
  TICKET_FORM_ANSWER("ticket.form-answer", "label", "answer"),
  TICKET_FORM_SHORTENED("ticket.form-shortened"),
  COMMAND_TICKETTYPE_QUESTION_DESCRIPTION("command.tickettype-question.description"),
  COMMAND_TICKETTYPE_QUESTION_ADD_DESCRIPTION("command.tickettype-question-add.description"),
  COMMAND_TICKETTYPE_QUESTION_REMOVE_DESCRIPTION("command.tickettype-question-remove.description"),
  COMMAND_TICKETTYPE_QUESTION_LIST_DESCRIPTION("command.tickettype-question-list.description"),
  OPTION_QUESTION_LABEL_DESCRIPTION("option.question-label.description"),
  OPTION_QUESTION_STYLE_DESCRIPTION("option.question-style.description"),
  OPTION_QUESTION_REQUIRED_DESCRIPTION("option.question-required.description"),
  OPTION_QUESTION_MIN_DESCRIPTION("option.question-min.description"),
  OPTION_QUESTION_MAX_DESCRIPTION("option.question-max.description"),
  OPTION_QUESTION_PLACEHOLDER_DESCRIPTION("option.question-placeholder.description"),
  OPTION_QUESTION_OPTIONS_DESCRIPTION("option.question-options.description"),
  OPTION_QUESTION_MULTIPLE_DESCRIPTION("option.question-multiple.description"),
  OPTION_QUESTION_POSITION_DESCRIPTION("option.question-position.description"),
  // panels (issue 12)
  ERROR_PANEL_NO_TYPES("error.panel-no-types"),
  ERROR_PANEL_TYPES_NEEDED("error.panel-types-needed", "types"),
  ERROR_PANEL_TOO_MANY_TYPES("error.panel-too-many-types", "max"),
  ERROR_PANEL_TEXT_INVALID("error.panel-text-invalid", "field", "max"),
  ERROR_PANEL_COLOUR_INVALID("error.panel-colour-invalid", "value"),
  ERROR_PANEL_TOO_MANY("error.panel-too-many", "max"),
  ERROR_PANEL_UNKNOWN("error.panel-unknown", "id"),
  ERROR_PANEL_POST_FAILED("error.panel-post-failed", "channelId", "error"),
  PANEL_CREATED("panel.created", "id", "link"),
  PANEL_DEFAULT_TITLE("panel.default-title"),
  PANEL_UNAVAILABLE("panel.unavailable"),
  PANEL_SELECT_PLACEHOLDER("panel.select-placeholder"),
  PANEL_DELETED("panel.deleted", "id"),
  ERROR_PANEL_REMOVED("error.panel-removed"),
  PANEL_DELETE_MESSAGE_FAILED("panel.delete-message-failed", "id", "link", "error"),
  PANEL_LIST_EMPTY("panel.list.empty"),
  PANEL_LIST_HEADER("panel.list.header", "count"),
  PANEL_LIST_LINE("panel.list.line", "id", "title", "channelId", "link", "types", "state"),
  PANEL_STATE_POSTING("panel.state.posting"),
  PANEL_STATE_POSTED("panel.state.posted"),
  PANEL_STATE_GONE("panel.state.gone"),
  PANELS_REFRESHED("panels.refreshed", "count"),
  PANELS_NOT_REFRESHED("panels.not-refreshed", "count"),
  PANELS_REFUSED("panels.refused", "count"),
  COMMAND_PANEL_DESCRIPTION("command.panel.description"),
  COMMAND_PANEL_CREATE_DESCRIPTION("command.panel-create.description"),
  COMMAND_PANEL_LIST_DESCRIPTION("command.panel-list.description"),
  COMMAND_PANEL_DELETE_DESCRIPTION("command.panel-delete.description"),
  OPTION_PANEL_TYPES_DESCRIPTION("option.panel-types.description"),
  OPTION_PANEL_TITLE_DESCRIPTION("option.panel-title.description"),
  OPTION_PANEL_TEXT_DESCRIPTION("option.panel-text.description"),
  OPTION_PANEL_COLOUR_DESCRIPTION("option.panel-colour.description"),
  OPTION_PANEL_ID_DESCRIPTION("option.panel-id.description"),
  COMMAND_CLOSEREQUEST_DESCRIPTION("command.closerequest.description"),
  OPTION_CLOSEREQUEST_REASON_DESCRIPTION("option.closerequest-reason.description"),
  OPTION_CLOSEREQUEST_AFTER_DESCRIPTION("option.closerequest-after.description"),

  // --- issue 13: transcripts ---
  /** The transcript page's language tag (BCP 47), e.g. {@code en}. */
  TRANSCRIPT_LANGUAGE("transcript.language"),
  TRANSCRIPT_HEADING("transcript.heading", "number"),
  TRANSCRIPT_SERVER("transcript.server"),
  TRANSCRIPT_THREAD("transcript.thread"),
  TRANSCRIPT_OPENED_BY("transcript.opened-by"),
  TRANSCRIPT_OPENED("transcript.opened"),
  TRANSCRIPT_CLOSED("transcript.closed"),
  TRANSCRIPT_MESSAGE_COUNT("transcript.message-count"),
  TRANSCRIPT_TIMES_IN_UTC("transcript.times-in-utc"),
  TRANSCRIPT_CONTENT_UNAVAILABLE("transcript.content-unavailable"),
  TRANSCRIPT_TEXT_UNAVAILABLE("transcript.text-unavailable"),
  TRANSCRIPT_REPLYING_TO("transcript.replying-to", "author"),
  TRANSCRIPT_REPLY_UNAVAILABLE("transcript.reply-unavailable"),
  TRANSCRIPT_EDITED("transcript.edited"),
  TRANSCRIPT_BOT("transcript.bot"),
  TRANSCRIPT_ATTACHMENTS("transcript.attachments"),
  TRANSCRIPT_PINNED("transcript.pinned", "author"),
  TRANSCRIPT_MEMBER_ADDED("transcript.member-added", "author", "member"),
  TRANSCRIPT_MEMBER_REMOVED("transcript.member-removed", "author", "member"),
  TRANSCRIPT_NAME_CHANGED("transcript.name-changed", "author", "name"),
  TRANSCRIPT_THREAD_CREATED("transcript.thread-created", "author", "name"),
  TRANSCRIPT_OTHER_SYSTEM("transcript.other-system", "author"),
  TRANSCRIPT_TRUNCATED("transcript.truncated", "count"),
  /** Under the log line and the DM: the transcript is attached. */
  TRANSCRIPT_ATTACHED("transcript.attached", "messages"),
  /** Added when the transcript lacks members' text (no Message Content intent). */
  TRANSCRIPT_ATTACHED_NO_CONTENT("transcript.attached-no-content"),
  /** The transcript could not be attached: larger than Discord's upload limit there. */
  TRANSCRIPT_TOO_LARGE("transcript.too-large", "sizeKib", "limitKib", "number"),
  /** The transcript could not be attached: no Attach Files permission in the log channel. */
  TRANSCRIPT_NO_ATTACH_PERMISSION("transcript.no-attach-permission", "number"),
  /** No transcript exists for this close (the thread was gone or unreadable). */
  TRANSCRIPT_MISSING("transcript.missing"),
  SETTING_DESCRIPTION_TRANSCRIPT_DM("setting.description.transcript_dm"),
  /** {@code /setting set transcript_channel} without the Message Content intent. */
  SETTING_TRANSCRIPT_NO_INTENT("setting.transcript-no-intent"),
  EFFECT_TRANSCRIPT("effect.transcript"),
  COMMAND_TRANSCRIPT_DESCRIPTION("command.transcript.description"),
  OPTION_TRANSCRIPT_NUMBER_DESCRIPTION("option.transcript-number.description"),
  /** {@code /ticket transcript}: the stored file is attached. */
  TRANSCRIPT_REPLY("transcript.reply", "number", "messages", "createdAt"),
  ERROR_TRANSCRIPT_NO_TICKET("error.transcript.no-ticket", "number"),
  ERROR_TRANSCRIPT_OPEN("error.transcript.open", "number"),
  ERROR_TRANSCRIPT_PENDING("error.transcript.pending", "number"),
  ERROR_TRANSCRIPT_NONE("error.transcript.none", "number"),

  // feedback and statistics (issue 13)
  SETTING_DESCRIPTION_FEEDBACK("setting.description.feedback"),
  /** A rating button of the close DM: {@code stars} is 1..5. */
  BUTTON_RATE("button.rate", "stars"),
  BUTTON_FEEDBACK_COMMENT("button.feedback-comment"),
  /** The disabled button that replaces the rating buttons once rated. */
  BUTTON_FEEDBACK_RATED("button.feedback-rated", "rating"),
  /** The disabled button that replaces "Add a comment" once commented. */
  BUTTON_FEEDBACK_COMMENTED("button.feedback-commented"),
  FEEDBACK_THANKS("feedback.thanks", "rating"),
  FEEDBACK_COMMENT_THANKS("feedback.comment-thanks"),
  MODAL_FEEDBACK_TITLE("modal.feedback.title", "number"),
  MODAL_FEEDBACK_LABEL("modal.feedback.label"),
  MODAL_FEEDBACK_DESCRIPTION("modal.feedback.description", "max"),
  MODAL_FEEDBACK_PLACEHOLDER("modal.feedback.placeholder"),
  ERROR_FEEDBACK_UNKNOWN_TICKET("error.feedback-unknown-ticket"),
  ERROR_FEEDBACK_NOT_CREATOR("error.feedback-not-creator"),
  ERROR_FEEDBACK_ALREADY_RATED("error.feedback-already-rated", "rating"),
  ERROR_FEEDBACK_NOT_RATED("error.feedback-not-rated"),
  ERROR_FEEDBACK_ALREADY_COMMENTED("error.feedback-already-commented"),
  ERROR_FEEDBACK_COMMENT_EMPTY("error.feedback-comment-empty"),
  ERROR_FEEDBACK_COMMENT_TOO_LONG("error.feedback-comment-too-long", "length", "max"),
  /** The log line of a rating; {@code stars} is the rating drawn as stars. */
  LOG_TICKET_RATED("log.ticket.rated", "number", "creatorId", "rating", "stars", "threadId"),
  /** The log line of a rating's comment; {@code comment} is escaped user text. */
  LOG_TICKET_COMMENTED("log.ticket.commented", "number", "creatorId", "rating", "comment",
      "threadId"),
  EFFECT_LOG_RATING("effect.log-rating"),
  COMMAND_STATS_DESCRIPTION("command.stats.description"),
  OPTION_STATS_DAYS_DESCRIPTION("option.stats-days.description"),
  ERROR_STATS_DAYS("error.stats-days", "min", "max"),
  /** {@code /ticket stats}: the numbers; {@code closers} is lines of {@link #STATS_CLOSER_LINE}. */
  STATS_MESSAGE("stats.message", "days", "firstDay", "opened", "closed", "open", "firstReply",
      "closeTime", "rating", "closers"),
  STATS_RATING("stats.rating", "average", "count"),
  /** A median or average without any value to compute it from. */
  STATS_NO_VALUE("stats.no-value"),
  STATS_CLOSER_LINE("stats.closer-line", "rank", "userId", "count"),
  STATS_NO_CLOSERS("stats.no-closers"),
  STATS_CHART_TITLE("stats.chart.title", "days"),
  STATS_CHART_OPENED("stats.chart.opened"),
  STATS_CHART_CLOSED("stats.chart.closed"),
  STATS_CHART_DAY_AXIS("stats.chart.day-axis"),
  STATS_CHART_COUNT_AXIS("stats.chart.count-axis");

  private final String key;
  private final List<String> params;

  MessageKey(String key, String... params) {
    this.key = key;
    this.params = List.of(params);
  }

  /** The key in {@code messages.properties}. */
  public String key() {
    return key;
  }

  /** Names of the message's arguments, in {@code {0}, {1}, ...} order. */
  public List<String> params() {
    return params;
  }
}
