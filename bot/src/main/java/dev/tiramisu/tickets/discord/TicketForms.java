package dev.tiramisu.tickets.discord;

import dev.tiramisu.tickets.common.Refusal;
import dev.tiramisu.tickets.common.Result;
import dev.tiramisu.tickets.settings.FormAnswer;
import dev.tiramisu.tickets.settings.FormQuestion;
import dev.tiramisu.tickets.settings.TicketType;
import dev.tiramisu.tickets.settings.TicketTypes;
import dev.tiramisu.tickets.settings.TypeForms;
import dev.tiramisu.tickets.text.DiscordText;
import dev.tiramisu.tickets.text.MessageKey;
import dev.tiramisu.tickets.text.Messages;
import dev.tiramisu.tickets.ticket.Reasons;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.dv8tion.jda.api.components.Component;
import net.dv8tion.jda.api.components.label.Label;
import net.dv8tion.jda.api.components.selections.SelectOption;
import net.dv8tion.jda.api.components.selections.StringSelectMenu;
import net.dv8tion.jda.api.components.textinput.TextInput;
import net.dv8tion.jda.api.components.textinput.TextInputStyle;
import net.dv8tion.jda.api.events.interaction.ModalInteractionEvent;
import net.dv8tion.jda.api.interactions.modals.ModalMapping;
import net.dv8tion.jda.api.modals.Modal;

/**
 * The modals a member fills in to open a ticket: the reason form, and a ticket type's form (issue
 * 12) built from Label components (a text input or a string select each; the reason first when
 * the server requires one and there is room: a modal holds at most 5 labels). A submitted form is
 * checked again here ({@link TypeForms#answers}): a client can send anything.
 */
final class TicketForms {
  /** Discord's limit for a modal's title. */
  static final int MAX_TITLE = 45;

  private final TicketTypes types;

  TicketForms(TicketTypes types) {
    this.types = types;
  }

  /**
   * The reason form ({@code type} null: a ticket with the guild's own settings), in the member's
   * language.
   */
  Modal reasonModal(Messages messages, TicketType type) {
    return Modal.create(type == null ? new ComponentId.OpenModal().encode()
                : new ComponentId.OpenTypedModal(type.id()).encode(),
            messages.format(MessageKey.MODAL_OPEN_TITLE))
        .addComponents(reasonLabel(messages, true, null))
        .build();
  }

  private static Label reasonLabel(Messages messages, boolean required, String prefilled) {
    TextInput.Builder input = TextInput.create(ComponentId.REASON_INPUT, TextInputStyle.PARAGRAPH)
        .setRequired(required)
        .setRequiredRange(required ? 1 : 0, Reasons.MAX_LENGTH)
        .setPlaceholder(messages.format(MessageKey.MODAL_OPEN_REASON_PLACEHOLDER));
    if (prefilled != null && !prefilled.isBlank()) {
      input.setValue(DiscordText.truncate(prefilled.strip(), Reasons.MAX_LENGTH));
    }
    return Label.of(messages.format(MessageKey.MODAL_OPEN_REASON_LABEL), input.build());
  }

  /**
   * The form of {@code type}: its questions, after the reason when the server requires one (or
   * the member already gave one) and the form has room for it.
   */
  Modal formModal(Messages messages, TicketType type, List<FormQuestion> questions,
      boolean reasonRequired, String reason) {
    List<Label> labels = new ArrayList<>();
    boolean given = reason != null && !reason.isBlank();
    if ((reasonRequired || given) && questions.size() < FormQuestion.MAX_PER_TYPE) {
      labels.add(reasonLabel(messages, reasonRequired, reason));
    }
    for (FormQuestion q : questions) {
      labels.add(Label.of(q.label(), q.style().isText() ? textInput(q) : select(q)));
    }
    String title = DiscordText.truncate(messages.format(MessageKey.MODAL_FORM_TITLE,
        type.name()), MAX_TITLE);
    return Modal.create(new ComponentId.TypeForm(type.id(), TypeForms.version(questions))
            .encode(), title)
        .addComponents(labels)
        .build();
  }

  private static TextInput textInput(FormQuestion q) {
    TextInput.Builder b = TextInput.create(TypeForms.inputId(q),
            q.style() == FormQuestion.Style.SHORT ? TextInputStyle.SHORT : TextInputStyle.PARAGRAPH)
        .setRequired(q.required())
        .setRequiredRange(q.min(), q.max());
    if (q.placeholder() != null) {
      b.setPlaceholder(q.placeholder());
    }
    return b.build();
  }

  private static StringSelectMenu select(FormQuestion q) {
    StringSelectMenu.Builder b = StringSelectMenu.create(TypeForms.inputId(q))
        .setRequired(q.required())
        .setRequiredRange(q.min(), q.max());
    for (int i = 0; i < q.options().size(); i++) {
      b.addOptions(SelectOption.of(q.options().get(i), Integer.toString(i)));
    }
    if (q.placeholder() != null) {
      b.setPlaceholder(q.placeholder());
    }
    return b.build();
  }

  /** A submitted form, checked: what to open the ticket with. */
  record Submission(TicketType type, String reason, List<FormAnswer> answers) {}

  /**
   * Reads and checks a submitted type form against the type and its questions as they are now.
   *
   * @return the submission, or why not (the type is gone, its form changed since it was shown,
   *     an answer breaks the form's rules)
   */
  Result<Submission> read(ModalInteractionEvent e, ComponentId.TypeForm form) {
    Optional<TicketType> type = e.getGuild() == null ? Optional.empty()
        : types.live(e.getGuild().getIdLong(), form.typeId());
    if (type.isEmpty()) {
      return Result.refused(MessageKey.ERROR_TYPE_GONE);
    }
    List<FormQuestion> questions = types.forms().questions(form.typeId());
    if (TypeForms.version(questions) != form.version()) {
      Refusal changed = TypeForms.changed(type.get());
      return Result.refused(changed);
    }
    Map<String, List<String>> submitted = new HashMap<>();
    for (ModalMapping m : e.getValues()) {
      submitted.put(m.getCustomId(), m.getType() == Component.Type.STRING_SELECT
          ? m.getAsStringList() : java.util.Collections.singletonList(m.getAsString()));
    }
    Result<List<FormAnswer>> answers = TypeForms.answers(questions, submitted);
    if (answers.isRefused()) {
      return Result.refused(answers.refusal());
    }
    ModalMapping reason = e.getValue(ComponentId.REASON_INPUT);
    return Result.ok(new Submission(type.get(), reason == null ? null : reason.getAsString(),
        answers.value()));
  }

  /**
   * The text inputs of a submitted modal, to show back with a refusal so nothing typed is lost:
   * each in a code block (no mention or markdown renders), cut to fit one message with {@code
   * prefix}.
   */
  static String echo(ModalInteractionEvent e, String prefix, Messages messages) {
    List<String> blocks = new ArrayList<>();
    for (ModalMapping m : e.getValues()) {
      if (m.getType() != Component.Type.TEXT_INPUT || m.getAsString().isBlank()) {
        continue;
      }
      blocks.add("```\n" + m.getAsString().strip().replace("```", "``\u200b`") + "\n```");
    }
    if (blocks.isEmpty()) {
      return prefix;
    }
    String whole = prefix + "\n\n"
        + messages.format(MessageKey.FORM_YOUR_ANSWERS, String.join("\n", blocks));
    if (whole.length() <= CommandCatalog.MAX_MESSAGE) {
      return whole;
    }
    // Too long for one message: cut inside the last block and close it again.
    return whole.substring(0, CommandCatalog.MAX_MESSAGE - 5) + "…\n```";
  }
}
