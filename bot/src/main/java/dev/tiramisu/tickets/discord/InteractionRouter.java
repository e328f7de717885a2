package dev.tiramisu.tickets.discord;

import dev.tiramisu.tickets.text.MessageKey;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import net.dv8tion.jda.api.events.interaction.ModalInteractionEvent;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.events.interaction.component.ButtonInteractionEvent;
import net.dv8tion.jda.api.events.interaction.component.EntitySelectInteractionEvent;
import net.dv8tion.jda.api.events.interaction.component.StringSelectInteractionEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import net.dv8tion.jda.api.interactions.commands.OptionMapping;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dispatches slash commands by name and buttons and modals by their {@link ComponentId}.
 *
 * <p>Acknowledging comes first and never waits behind other interactions' work: most
 * interactions are deferred (an ephemeral "thinking" reply) straight from JDA's event thread
 * without blocking, and their handler runs on the work executor once Discord has accepted the
 * acknowledgement. The two that acknowledge differently (opening a ticket, which may show the
 * reason form; cancelling a close, which updates the confirmation) acknowledge on a separate
 * small executor. A handler runs only after its interaction was acknowledged, so an interaction
 * that reaches the bot twice (a gateway replay, or two processes running the same shard) is
 * handled once: Discord refuses the second acknowledgement (40060) and that delivery stops there.
 *
 * <p>Failures become ephemeral answers: {@code error.database-unavailable} for database outages,
 * {@code error.internal-ref} for bugs (logged with the stack trace and the same short reference,
 * never with message contents). A command, button, select menu or form the bot does not know
 * (an old message, another version) is answered with {@code error.unknown-command} or {@code
 * error.unknown-component}, never left to fail.
 *
 * <p>The router only chooses, per command, button and form, how it is acknowledged and which
 * handler runs; {@link Acknowledgements} does the acknowledging, the running and the answers to
 * failures.
 */
final class InteractionRouter extends ListenerAdapter {
  private static final Logger log = LoggerFactory.getLogger(InteractionRouter.class);

  private final Executor acknowledging;
  private final Acknowledgements acks;
  private final TicketHandlers tickets;
  private final StaffHandlers staff;
  private final SettingHandlers settings;
  private final ListHandlers lists;
  private final BlocklistHandlers blocklist;
  private final StaffWorkflow workflow;
  private final CloseRequestHandlers closeRequests;
  private final TicketTypeHandlers types;
  private final TypeQuestionHandlers questions;
  private final PanelHandlers panels;
  private final PanelMessages panelMessages;
  private final TypeAutocomplete autocomplete;
  private final TranscriptHandlers transcripts;
  private final FeedbackHandlers feedback;
  private final StatsHandlers stats;

  /**
   * @param acknowledging runs acknowledgements that need more than a deferral (short tasks)
   * @param working runs the handlers after the acknowledgement (may block on Discord and the
   *     database)
   * @param tracker follows each interaction for the metrics (the one {@code replies} reports to)
   */
  InteractionRouter(Executor acknowledging, Executor working, TicketHandlers tickets,
      StaffHandlers staff, SettingHandlers settings, ListHandlers lists,
      BlocklistHandlers blocklist, StaffWorkflow workflow, CloseRequestHandlers closeRequests,
      TicketTypeHandlers types, TypeQuestionHandlers questions, PanelHandlers panels,
      PanelMessages panelMessages, TypeAutocomplete autocomplete, TranscriptHandlers transcripts,
      FeedbackHandlers feedback, StatsHandlers stats, Replies replies,
      InteractionTracker tracker) {
    this.transcripts = transcripts;
    this.types = types;
    this.questions = questions;
    this.panels = panels;
    this.panelMessages = panelMessages;
    this.autocomplete = autocomplete;
    this.feedback = feedback;
    this.stats = stats;
    this.lists = lists;
    this.blocklist = blocklist;
    this.acknowledging = acknowledging;
    this.acks = new Acknowledgements(acknowledging, working, replies, tracker);
    this.tickets = tickets;
    this.staff = staff;
    this.settings = settings;
    this.workflow = workflow;
    this.closeRequests = closeRequests;
  }

  @Override
  public void onSlashCommandInteraction(SlashCommandInteractionEvent e) {
    String route = e.getName() + " " + e.getSubcommandName();
    String what = "/" + route;
    if (CommandCatalog.TICKETTYPE.equals(e.getName())
        && CommandCatalog.QUESTION.equals(e.getSubcommandGroup())) {
      acks.deferThen(e, "/tickettype question " + e.getSubcommandName(),
          () -> questions.handle(e));
      return;
    }
    switch (route) {
      case CommandCatalog.TICKET + " " + CommandCatalog.CREATE -> acks.acknowledgeThen(e, what,
          () -> tickets.acknowledgeCreate(e, e,
              e.getOption(CommandCatalog.OPT_REASON, OptionMapping::getAsString),
              e.getOption(CommandCatalog.OPT_TYPE, OptionMapping::getAsString), null));
      case CommandCatalog.TICKETTYPE + " " + CommandCatalog.CREATE ->
          acks.deferThen(e, what, () -> types.create(e));
      case CommandCatalog.TICKETTYPE + " " + CommandCatalog.EDIT ->
          acks.deferThen(e, what, () -> types.edit(e));
      case CommandCatalog.TICKETTYPE + " " + CommandCatalog.DELETE ->
          acks.deferThen(e, what, () -> types.delete(e));
      case CommandCatalog.TICKETTYPE + " " + CommandCatalog.LIST ->
          acks.deferThen(e, what, () -> types.list(e));
      case CommandCatalog.PANEL + " " + CommandCatalog.CREATE ->
          acks.deferThen(e, what, () -> panels.create(e));
      case CommandCatalog.PANEL + " " + CommandCatalog.LIST ->
          acks.deferThen(e, what, () -> panels.list(e));
      case CommandCatalog.PANEL + " " + CommandCatalog.DELETE ->
          acks.deferThen(e, what, () -> panels.delete(e));
      case CommandCatalog.TICKET + " " + CommandCatalog.CLOSE ->
          acks.deferThen(e, what, () -> workflow.close().closeCommand(e));
      // staff workflow (issue 11): claim, members, reopen
      case CommandCatalog.TICKET + " " + CommandCatalog.CLAIM ->
          acks.deferThen(e, what, () -> workflow.claim().claimCommand(e));
      case CommandCatalog.TICKET + " " + CommandCatalog.UNCLAIM ->
          acks.deferThen(e, what, () -> workflow.claim().unclaim(e));
      case CommandCatalog.TICKET + " " + CommandCatalog.TRANSFER ->
          acks.deferThen(e, what, () -> workflow.claim().transfer(e));
      case CommandCatalog.TICKET + " " + CommandCatalog.ADD ->
          acks.deferThen(e, what, () -> workflow.members().add(e));
      case CommandCatalog.TICKET + " " + CommandCatalog.REMOVE ->
          acks.deferThen(e, what, () -> workflow.members().remove(e));
      case CommandCatalog.TICKET + " " + CommandCatalog.REOPEN ->
          acks.deferThen(e, what, () -> workflow.reopen().reopenCommand(e));
      case CommandCatalog.TICKET + " " + CommandCatalog.CHECK ->
          acks.deferThen(e, what, () -> staff.check(e));
      case CommandCatalog.TICKET + " " + CommandCatalog.BUTTON ->
          acks.deferThen(e, what, () -> staff.panel(e));
      case CommandCatalog.TICKET + " " + CommandCatalog.CLOSE_REQUEST ->
          acks.deferThen(e, what, () -> closeRequests.request(e));
      case CommandCatalog.TICKET + " " + CommandCatalog.TRANSCRIPT ->
          acks.deferThen(e, what, () -> transcripts.command(e));
      case CommandCatalog.SETTING + " " + CommandCatalog.SET ->
          acks.deferThen(e, what, () -> settings.set(e));
      case CommandCatalog.SETTING + " " + CommandCatalog.GET ->
          acks.deferThen(e, what, () -> settings.get(e));
      case CommandCatalog.TICKET + " " + CommandCatalog.LIST ->
          acks.deferThen(e, what, () -> lists.command(e));
      case CommandCatalog.TICKET + " " + CommandCatalog.STATS ->
          acks.deferThen(e, what, () -> stats.command(e));
      case CommandCatalog.BLOCKLIST + " " + CommandCatalog.ADD ->
          acks.deferThen(e, what, () -> blocklist.add(e));
      case CommandCatalog.BLOCKLIST + " " + CommandCatalog.REMOVE ->
          acks.deferThen(e, what, () -> blocklist.remove(e));
      case CommandCatalog.BLOCKLIST + " " + CommandCatalog.LIST ->
          acks.deferThen(e, what, () -> blocklist.list(e));
      default ->
          acks.unknown(e, "/" + e.getFullCommandName(), MessageKey.ERROR_UNKNOWN_COMMAND);
    }
  }

  @Override
  public void onButtonInteraction(ButtonInteractionEvent e) {
    Optional<ComponentId> id = ComponentId.decode(e.getComponentId());
    if (id.isEmpty()) {
      acks.unknown(e, "button with an unknown custom id", MessageKey.ERROR_UNKNOWN_COMPONENT);
      return;
    }
    ComponentId c = id.get();
    String what = "button " + c.getClass().getSimpleName();
    if (c instanceof ComponentId.OpenTicket) {
      acks.acknowledgeThen(e, what, () -> tickets.acknowledgeCreate(e, e, null, null, null));
    } else if (c instanceof ComponentId.PanelButton b) {
      openFromPanel(e, what, b.panelId(), b.typeId());
    } else if (c instanceof ComponentId.Close close) {
      acks.deferThen(e, what, () -> workflow.close().closeButton(e, close));
    } else if (c instanceof ComponentId.ConfirmClose confirm) {
      acks.deferThen(e, what, () -> workflow.close().confirmClose(e, confirm));
    } else if (c instanceof ComponentId.CancelClose cancel) {
      acks.acknowledgeThen(e, what, () -> {
        workflow.close().cancelClose(e, cancel);
        return null;
      });
    } else if (c instanceof ComponentId.ListPage page) {
      // turns the page in place: acknowledged as an update of the list message
      acks.acknowledgeThen(e, what, () -> {
        e.deferEdit().complete();
        return () -> lists.page(e, page);
      });
    } else if (c instanceof ComponentId.Claim claim) {
      acks.deferThen(e, what, () -> workflow.claim().claimButton(e, claim));
    } else if (c instanceof ComponentId.Reopen reopen) {
      acks.deferThen(e, what, () -> workflow.reopen().reopenButton(e, reopen));
    } else if (c instanceof ComponentId.CloseRequestAccept accept) {
      acks.deferThen(e, what, () -> closeRequests.accept(e, accept));
    } else if (c instanceof ComponentId.CloseRequestKeep keep) {
      acks.deferThen(e, what, () -> closeRequests.keepOpen(e, keep));
    } else if (c instanceof ComponentId.Rate rate) {
      acks.deferThen(e, what, () -> feedback.rate(e, rate));
    } else if (c instanceof ComponentId.RateComment comment) {
      // the form is the acknowledgement (after one read: may this user comment?)
      acks.acknowledgeThen(e, what, () -> feedback.commentButton(e, comment));
    } else {
      acks.unknown(e, "button with a non-button id " + c.getClass().getSimpleName(),
          MessageKey.ERROR_UNKNOWN_COMPONENT);
    }
  }

  @Override
  public void onStringSelectInteraction(StringSelectInteractionEvent e) {
    Optional<ComponentId> id = ComponentId.decode(e.getComponentId());
    if (id.isPresent() && id.get() instanceof ComponentId.PickType) {
      Long typeId = TicketHandlers.pickedType(e.getValues());
      if (typeId != null) {
        acks.acknowledgeThen(e, "select PickType",
            () -> tickets.acknowledgeCreate(e, e, null, null, typeId));
        return;
      }
    }
    if (id.isPresent() && id.get() instanceof ComponentId.PanelSelect panel) {
      Long typeId = TicketHandlers.pickedType(e.getValues());
      if (typeId != null) {
        openFromPanel(e, "select PanelSelect", panel.panelId(), typeId);
        return;
      }
    }
    acks.unknown(e, "select menu with an unknown custom id", MessageKey.ERROR_UNKNOWN_COMPONENT);
  }

  /**
   * A panel's button or select: opens a ticket of the type through the same entry point as {@code
   * /ticket create type:} (which may answer with a form, so nothing is deferred first; a type
   * deleted since is answered there). Then, off the acknowledgement's path, the panel is redrawn
   * if the type is gone, so the next member sees what is left. A panel deleted with {@code /panel
   * delete} whose message outlived the command opens nothing: the member is told, and the message
   * is deleted.
   */
  private void openFromPanel(net.dv8tion.jda.api.events.interaction.component
      .GenericComponentInteractionCreateEvent e, String what, long panelId, long typeId) {
    acks.acknowledgeThen(e, what, () -> {
      // read with the settings, within the acknowledgement's budget (or after a deferral)
      AtomicBoolean removed = new AtomicBoolean();
      Runnable work = tickets.acknowledgeCreate(e, e, null, null, typeId, () -> {
        removed.set(e.getGuild() != null
            && panelMessages.removed(e.getGuild().getIdLong(), panelId));
        return removed.get();
      });
      return () -> {
        if (work != null) {
          work.run();
        }
        if (e.getGuild() == null) {
          return;
        }
        if (removed.get()) {
          panelMessages.removeLeftover(e.getGuild(), e.getChannelIdLong(), e.getMessageIdLong(),
              panelId);
        } else {
          panelMessages.redrawIfStale(e.getGuild(), panelId, typeId);
        }
      };
    });
  }

  @Override
  public void onCommandAutoCompleteInteraction(
      net.dv8tion.jda.api.events.interaction.command.CommandAutoCompleteInteractionEvent e) {
    try {
      acknowledging.execute(() -> {
        try {
          autocomplete.answer(e);
        } catch (RuntimeException ex) {
          // Nothing to show the member but an empty list; Discord shows "loading options failed".
          log.warn("autocomplete (interaction {}) failed: {}", e.getId(),
              TicketHandlers.describe(ex));
        }
      });
    } catch (java.util.concurrent.RejectedExecutionException stopping) {
      log.info("shutting down: autocomplete (interaction {}) ignored", e.getId());
    }
  }

  @Override
  public void onEntitySelectInteraction(EntitySelectInteractionEvent e) {
    acks.unknown(e, "select menu with an unknown custom id", MessageKey.ERROR_UNKNOWN_COMPONENT);
  }

  @Override
  public void onModalInteraction(ModalInteractionEvent e) {
    Optional<ComponentId> id = ComponentId.decode(e.getModalId());
    if (id.isPresent() && id.get() instanceof ComponentId.OpenModal) {
      acks.deferThen(e, "modal OpenModal", () -> tickets.createFromModal(e, null));
    } else if (id.isPresent() && id.get() instanceof ComponentId.OpenTypedModal m) {
      acks.deferThen(e, "modal OpenTypedModal", () -> tickets.createFromModal(e, m.typeId()));
    } else if (id.isPresent() && id.get() instanceof ComponentId.RateModal m) {
      acks.deferThen(e, "modal RateModal", () -> feedback.comment(e, m));
    } else if (id.isPresent() && id.get() instanceof ComponentId.TypeForm f) {
      acks.deferThen(e, "modal TypeForm", () -> tickets.createFromForm(e, f));
    } else {
      acks.unknown(e, "modal with an unknown custom id", MessageKey.ERROR_UNKNOWN_COMPONENT);
    }
  }

  /** A short reference (8 hex digits) shown to the user and logged with the failure. */
  static String newReference() {
    return Acknowledgements.newReference();
  }
}
