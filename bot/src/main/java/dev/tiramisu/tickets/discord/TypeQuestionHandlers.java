package dev.tiramisu.tickets.discord;

import dev.tiramisu.tickets.common.Actor;
import dev.tiramisu.tickets.common.Result;
import dev.tiramisu.tickets.settings.FormQuestion;
import dev.tiramisu.tickets.settings.SettingsService;
import dev.tiramisu.tickets.settings.TicketTypes;
import dev.tiramisu.tickets.settings.TypeForms;
import dev.tiramisu.tickets.text.DiscordText;
import dev.tiramisu.tickets.text.MessageKey;
import dev.tiramisu.tickets.text.Messages;
import java.util.ArrayList;
import java.util.List;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.interactions.commands.OptionMapping;

/**
 * {@code /tickettype question add|remove|list} (Manage Server, checked again by the core): the
 * questions of a ticket type's form (issue 12). Every answer shows the form as it now is.
 */
final class TypeQuestionHandlers {
  private final TicketTypes types;
  private final SettingsService settings;
  private final Replies replies;

  TypeQuestionHandlers(TicketTypes types, SettingsService settings, Replies replies) {
    this.types = types;
    this.settings = settings;
    this.replies = replies;
  }

  void handle(SlashCommandInteractionEvent e) {
    if (e.getGuild() == null) {
      replies.send(e, MessageKey.ERROR_NOT_IN_GUILD);
      return;
    }
    long guildId = e.getGuild().getIdLong();
    Messages messages = replies.messages(e);
    Actor actor = TicketHandlers.actor(e.getMember());
    String type = e.getOption(CommandCatalog.OPT_TYPE, OptionMapping::getAsString);
    String sub = e.getSubcommandName() == null ? "" : e.getSubcommandName();
    switch (sub) {
      case CommandCatalog.ADD -> {
        Result<TypeForms.Form> r = types.forms().add(guildId, actor, type, new TypeForms.NewQuestion(
            e.getOption(CommandCatalog.OPT_LABEL, OptionMapping::getAsString),
            e.getOption(CommandCatalog.OPT_STYLE, OptionMapping::getAsString),
            e.getOption(CommandCatalog.OPT_REQUIRED, OptionMapping::getAsBoolean),
            integer(e, CommandCatalog.OPT_MIN), integer(e, CommandCatalog.OPT_MAX),
            e.getOption(CommandCatalog.OPT_PLACEHOLDER, OptionMapping::getAsString),
            e.getOption(CommandCatalog.OPT_OPTIONS, OptionMapping::getAsString),
            e.getOption(CommandCatalog.OPT_MULTIPLE, OptionMapping::getAsBoolean)));
        if (r.isRefused()) {
          replies.send(e, r.refusal());
          return;
        }
        List<FormQuestion> qs = r.value().questions();
        FormQuestion added = qs.get(qs.size() - 1);
        List<String> lines = new ArrayList<>();
        lines.add(messages.format(MessageKey.FORM_QUESTION_ADDED, qs.size(),
            DiscordText.escape(added.label()), DiscordText.escape(r.value().type().name())));
        lines.add(describe(messages, r.value()));
        if (qs.size() == FormQuestion.MAX_PER_TYPE
            && settings.get(guildId).forType(r.value().type()).requireReason()) {
          lines.add(messages.format(MessageKey.FORM_REASON_NOTE));
        }
        replies.send(e, DiscordText.truncate(String.join("\n", lines), CommandCatalog.MAX_MESSAGE));
      }
      case CommandCatalog.REMOVE -> {
        Integer position = integer(e, CommandCatalog.OPT_POSITION);
        Result<TypeForms.Form> current = types.forms().form(guildId, actor, type);
        if (current.isRefused()) {
          replies.send(e, current.refusal());
          return;
        }
        List<FormQuestion> before = current.value().questions();
        int rank = position == null ? 0 : position;
        Result<TypeForms.Form> r = types.forms().remove(guildId, actor, type, rank);
        if (r.isRefused()) {
          replies.send(e, r.refusal());
          return;
        }
        String label = before.size() >= rank && rank >= 1 ? before.get(rank - 1).label() : "?";
        replies.send(e, DiscordText.truncate(messages.format(MessageKey.FORM_QUESTION_REMOVED,
            rank, DiscordText.escape(label), DiscordText.escape(r.value().type().name()))
            + "\n" + describe(messages, r.value()), CommandCatalog.MAX_MESSAGE));
      }
      case CommandCatalog.LIST -> {
        Result<TypeForms.Form> r = types.forms().form(guildId, actor, type);
        if (r.isRefused()) {
          replies.send(e, r.refusal());
          return;
        }
        replies.send(e, DiscordText.truncate(describe(messages, r.value()), CommandCatalog.MAX_MESSAGE));
      }
      default -> replies.send(e, MessageKey.ERROR_UNKNOWN_COMPONENT);
    }
  }

  /** The form, one line per question (or that it has none). */
  private static String describe(Messages messages, TypeForms.Form form) {
    String name = DiscordText.escape(form.type().name());
    if (form.questions().isEmpty()) {
      return messages.format(MessageKey.FORM_LIST_EMPTY, name);
    }
    List<String> lines = new ArrayList<>();
    lines.add(messages.format(MessageKey.FORM_LIST_HEADER, name, form.questions().size(),
        FormQuestion.MAX_PER_TYPE));
    int rank = 1;
    for (FormQuestion q : form.questions()) {
      String required = messages.format(q.required() ? MessageKey.FORM_REQUIRED
          : MessageKey.FORM_OPTIONAL);
      String label = DiscordText.escape(q.label());
      if (q.style().isText()) {
        lines.add(messages.format(MessageKey.FORM_LIST_LINE_TEXT, rank, label,
            messages.format(q.style() == FormQuestion.Style.SHORT
                ? MessageKey.OPTION_QUESTION_STYLE_SHORT
                : MessageKey.OPTION_QUESTION_STYLE_PARAGRAPH), required, q.min(), q.max()));
      } else {
        String choices = q.multiple() ? messages.format(MessageKey.FORM_CHOICES, q.min(), q.max())
            : messages.format(MessageKey.FORM_CHOICE_ONE);
        lines.add(messages.format(MessageKey.FORM_LIST_LINE_SELECT, rank, label, required,
            choices, String.join(", ", q.options().stream()
                .map(DiscordText::escape).toList())));
      }
      rank++;
    }
    return String.join("\n", lines);
  }

  private static Integer integer(SlashCommandInteractionEvent e, String option) {
    OptionMapping o = e.getOption(option);
    if (o == null) {
      return null;
    }
    long v = o.getAsLong();
    return v > Integer.MAX_VALUE ? Integer.MAX_VALUE : v < Integer.MIN_VALUE ? Integer.MIN_VALUE
        : (int) v;
  }
}
