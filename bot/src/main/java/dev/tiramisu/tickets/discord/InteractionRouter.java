package dev.tiramisu.tickets.discord;

import dev.tiramisu.tickets.common.StorageUnavailableException;
import dev.tiramisu.tickets.text.MessageKey;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import net.dv8tion.jda.api.events.interaction.ModalInteractionEvent;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.events.interaction.component.ButtonInteractionEvent;
import net.dv8tion.jda.api.events.interaction.component.EntitySelectInteractionEvent;
import net.dv8tion.jda.api.events.interaction.component.StringSelectInteractionEvent;
import net.dv8tion.jda.api.exceptions.ErrorResponseException;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import net.dv8tion.jda.api.interactions.callbacks.IReplyCallback;
import net.dv8tion.jda.api.interactions.commands.OptionMapping;
import net.dv8tion.jda.api.requests.ErrorResponse;
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
 */
final class InteractionRouter extends ListenerAdapter {
  private static final Logger log = LoggerFactory.getLogger(InteractionRouter.class);

  private final Executor acknowledging;
  private final Executor working;
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
  private final Replies replies;
  private final InteractionTracker tracker;

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
    this.tracker = tracker;
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
    this.working = working;
    this.tickets = tickets;
    this.staff = staff;
    this.settings = settings;
    this.workflow = workflow;
    this.closeRequests = closeRequests;
    this.replies = replies;
  }

  @Override
  public void onSlashCommandInteraction(SlashCommandInteractionEvent e) {
    String route = e.getName() + " " + e.getSubcommandName();
    String what = "/" + route;
    if (CommandCatalog.TICKETTYPE.equals(e.getName())
        && CommandCatalog.QUESTION.equals(e.getSubcommandGroup())) {
      deferThen(e, "/tickettype question " + e.getSubcommandName(), () -> questions.handle(e));
      return;
    }
    switch (route) {
      case CommandCatalog.TICKET + " " + CommandCatalog.CREATE -> acknowledgeThen(e, what,
          () -> tickets.acknowledgeCreate(e, e,
              e.getOption(CommandCatalog.OPT_REASON, OptionMapping::getAsString),
              e.getOption(CommandCatalog.OPT_TYPE, OptionMapping::getAsString), null));
      case CommandCatalog.TICKETTYPE + " " + CommandCatalog.CREATE ->
          deferThen(e, what, () -> types.create(e));
      case CommandCatalog.TICKETTYPE + " " + CommandCatalog.EDIT ->
          deferThen(e, what, () -> types.edit(e));
      case CommandCatalog.TICKETTYPE + " " + CommandCatalog.DELETE ->
          deferThen(e, what, () -> types.delete(e));
      case CommandCatalog.TICKETTYPE + " " + CommandCatalog.LIST ->
          deferThen(e, what, () -> types.list(e));
      case CommandCatalog.PANEL + " " + CommandCatalog.CREATE ->
          deferThen(e, what, () -> panels.create(e));
      case CommandCatalog.PANEL + " " + CommandCatalog.LIST ->
          deferThen(e, what, () -> panels.list(e));
      case CommandCatalog.PANEL + " " + CommandCatalog.DELETE ->
          deferThen(e, what, () -> panels.delete(e));
      case CommandCatalog.TICKET + " " + CommandCatalog.CLOSE ->
          deferThen(e, what, () -> workflow.close().closeCommand(e));
      // staff workflow (issue 11): claim, members, reopen
      case CommandCatalog.TICKET + " " + CommandCatalog.CLAIM ->
          deferThen(e, what, () -> workflow.claim().claimCommand(e));
      case CommandCatalog.TICKET + " " + CommandCatalog.UNCLAIM ->
          deferThen(e, what, () -> workflow.claim().unclaim(e));
      case CommandCatalog.TICKET + " " + CommandCatalog.TRANSFER ->
          deferThen(e, what, () -> workflow.claim().transfer(e));
      case CommandCatalog.TICKET + " " + CommandCatalog.ADD ->
          deferThen(e, what, () -> workflow.members().add(e));
      case CommandCatalog.TICKET + " " + CommandCatalog.REMOVE ->
          deferThen(e, what, () -> workflow.members().remove(e));
      case CommandCatalog.TICKET + " " + CommandCatalog.REOPEN ->
          deferThen(e, what, () -> workflow.reopen().reopenCommand(e));
      case CommandCatalog.TICKET + " " + CommandCatalog.CHECK ->
          deferThen(e, what, () -> staff.check(e));
      case CommandCatalog.TICKET + " " + CommandCatalog.BUTTON ->
          deferThen(e, what, () -> staff.panel(e));
      case CommandCatalog.TICKET + " " + CommandCatalog.CLOSE_REQUEST ->
          deferThen(e, what, () -> closeRequests.request(e));
      case CommandCatalog.TICKET + " " + CommandCatalog.TRANSCRIPT ->
          deferThen(e, what, () -> transcripts.command(e));
      case CommandCatalog.SETTING + " " + CommandCatalog.SET ->
          deferThen(e, what, () -> settings.set(e));
      case CommandCatalog.SETTING + " " + CommandCatalog.GET ->
          deferThen(e, what, () -> settings.get(e));
      case CommandCatalog.TICKET + " " + CommandCatalog.LIST ->
          deferThen(e, what, () -> lists.command(e));
      case CommandCatalog.TICKET + " " + CommandCatalog.STATS ->
          deferThen(e, what, () -> stats.command(e));
      case CommandCatalog.BLOCKLIST + " " + CommandCatalog.ADD ->
          deferThen(e, what, () -> blocklist.add(e));
      case CommandCatalog.BLOCKLIST + " " + CommandCatalog.REMOVE ->
          deferThen(e, what, () -> blocklist.remove(e));
      case CommandCatalog.BLOCKLIST + " " + CommandCatalog.LIST ->
          deferThen(e, what, () -> blocklist.list(e));
      default -> unknown(e, "/" + e.getFullCommandName(), MessageKey.ERROR_UNKNOWN_COMMAND);
    }
  }

  @Override
  public void onButtonInteraction(ButtonInteractionEvent e) {
    Optional<ComponentId> id = ComponentId.decode(e.getComponentId());
    if (id.isEmpty()) {
      unknown(e, "button with an unknown custom id", MessageKey.ERROR_UNKNOWN_COMPONENT);
      return;
    }
    ComponentId c = id.get();
    String what = "button " + c.getClass().getSimpleName();
    if (c instanceof ComponentId.OpenTicket) {
      acknowledgeThen(e, what, () -> tickets.acknowledgeCreate(e, e, null, null, null));
    } else if (c instanceof ComponentId.PanelButton b) {
      openFromPanel(e, what, b.panelId(), b.typeId());
    } else if (c instanceof ComponentId.Close close) {
      deferThen(e, what, () -> workflow.close().closeButton(e, close));
    } else if (c instanceof ComponentId.ConfirmClose confirm) {
      deferThen(e, what, () -> workflow.close().confirmClose(e, confirm));
    } else if (c instanceof ComponentId.CancelClose cancel) {
      acknowledgeThen(e, what, () -> {
        workflow.close().cancelClose(e, cancel);
        return null;
      });
    } else if (c instanceof ComponentId.ListPage page) {
      // turns the page in place: acknowledged as an update of the list message
      acknowledgeThen(e, what, () -> {
        e.deferEdit().complete();
        return () -> lists.page(e, page);
      });
    } else if (c instanceof ComponentId.Claim claim) {
      deferThen(e, what, () -> workflow.claim().claimButton(e, claim));
    } else if (c instanceof ComponentId.Reopen reopen) {
      deferThen(e, what, () -> workflow.reopen().reopenButton(e, reopen));
    } else if (c instanceof ComponentId.CloseRequestAccept accept) {
      deferThen(e, what, () -> closeRequests.accept(e, accept));
    } else if (c instanceof ComponentId.CloseRequestKeep keep) {
      deferThen(e, what, () -> closeRequests.keepOpen(e, keep));
    } else if (c instanceof ComponentId.Rate rate) {
      deferThen(e, what, () -> feedback.rate(e, rate));
    } else if (c instanceof ComponentId.RateComment comment) {
      // the form is the acknowledgement (after one read: may this user comment?)
      acknowledgeThen(e, what, () -> feedback.commentButton(e, comment));
    } else {
      unknown(e, "button with a non-button id " + c.getClass().getSimpleName(),
          MessageKey.ERROR_UNKNOWN_COMPONENT);
    }
  }

  @Override
  public void onStringSelectInteraction(StringSelectInteractionEvent e) {
    Optional<ComponentId> id = ComponentId.decode(e.getComponentId());
    if (id.isPresent() && id.get() instanceof ComponentId.PickType) {
      Long typeId = TicketHandlers.pickedType(e.getValues());
      if (typeId != null) {
        acknowledgeThen(e, "select PickType",
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
    unknown(e, "select menu with an unknown custom id", MessageKey.ERROR_UNKNOWN_COMPONENT);
  }

  /**
   * A panel's button or select: opens a ticket of the type through the same entry point as {@code
   * /ticket create type:} (which may answer with a form, so nothing is deferred first; a type
   * deleted since is answered there). Then, off the acknowledgement's path, the panel is redrawn
   * if the type is gone, so the next member sees what is left.
   */
  private void openFromPanel(net.dv8tion.jda.api.events.interaction.component
      .GenericComponentInteractionCreateEvent e, String what, long panelId, long typeId) {
    acknowledgeThen(e, what, () -> {
      Runnable work = tickets.acknowledgeCreate(e, e, null, null, typeId);
      return () -> {
        if (work != null) {
          work.run();
        }
        if (e.getGuild() != null) {
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
    unknown(e, "select menu with an unknown custom id", MessageKey.ERROR_UNKNOWN_COMPONENT);
  }

  @Override
  public void onModalInteraction(ModalInteractionEvent e) {
    Optional<ComponentId> id = ComponentId.decode(e.getModalId());
    if (id.isPresent() && id.get() instanceof ComponentId.OpenModal) {
      deferThen(e, "modal OpenModal", () -> tickets.createFromModal(e, null));
    } else if (id.isPresent() && id.get() instanceof ComponentId.OpenTypedModal m) {
      deferThen(e, "modal OpenTypedModal", () -> tickets.createFromModal(e, m.typeId()));
    } else if (id.isPresent() && id.get() instanceof ComponentId.RateModal m) {
      deferThen(e, "modal RateModal", () -> feedback.comment(e, m));
    } else if (id.isPresent() && id.get() instanceof ComponentId.TypeForm f) {
      deferThen(e, "modal TypeForm", () -> tickets.createFromForm(e, f));
    } else {
      unknown(e, "modal with an unknown custom id", MessageKey.ERROR_UNKNOWN_COMPONENT);
    }
  }

  /**
   * Answers an interaction the bot has no handler for (an old message's button, a command of
   * another version) with {@code key}, ephemeral, so that Discord does not show "This interaction
   * failed". The custom id is not logged: it may come from anywhere.
   */
  private void unknown(IReplyCallback e, String what, MessageKey key) {
    tracker.begin(e, key == MessageKey.ERROR_UNKNOWN_COMMAND ? "unknown command"
        : "unknown component");
    log.info("{} (interaction {}): not ours, answered as no longer in use", what, e.getId());
    execute(acknowledging, e, what, () -> replies.send(e, key));
  }

  /** Defers the reply without blocking; runs {@code handler} once Discord accepted it. */
  private void deferThen(IReplyCallback e, String what, Runnable handler) {
    tracker.begin(e, what);
    try {
      e.deferReply(true).queue(
          hook -> {
            tracker.acknowledged(e);
            execute(working, e, what, handler);
          },
          failure -> {
            notAcknowledged(e, what, failure);
            tracker.end(e);
          });
    } catch (RuntimeException ex) {
      notAcknowledged(e, what, ex);
      tracker.end(e);
    }
  }

  /**
   * Runs {@code acknowledge} (which answers or acknowledges the interaction itself), then the work
   * it returns, if any, on the work executor.
   */
  private void acknowledgeThen(IReplyCallback e, String what, Supplier<Runnable> acknowledge) {
    tracker.begin(e, what);
    execute(acknowledging, e, what, () -> {
      Runnable work;
      try {
        work = acknowledge.get();
      } catch (ErrorResponseException refused) {
        // Every request of an acknowledgement is the acknowledgement itself (the deferral, the
        // form, or the answer): Discord refused it, so there is no answer to give either.
        notAcknowledged(e, what, refused);
        return;
      }
      if (e.isAcknowledged()) {
        tracker.acknowledged(e);
      }
      if (work != null) {
        execute(working, e, what, work);
      }
    });
  }

  /** Runs {@code handler} as a stage of the interaction's handling (see {@link InteractionTracker}). */
  private void execute(Executor executor, IReplyCallback e, String what, Runnable handler) {
    tracker.stageStarts(e);
    try {
      executor.execute(() -> {
        try {
          guarded(e, what, handler);
        } finally {
          if (e.isAcknowledged()) {
            tracker.acknowledged(e);
          }
          tracker.stageEnds(e);
        }
      });
    } catch (RejectedExecutionException stopping) {
      log.info("shutting down: {} (interaction {}) ignored", what, e.getId());
      tracker.failed(e);
      tracker.stageEnds(e);
    }
  }

  private void guarded(IReplyCallback e, String what, Runnable handler) {
    try {
      handler.run();
    } catch (StorageUnavailableException ex) {
      tracker.failed(e);
      log.warn("{} (interaction {}): database unavailable: {}", what, e.getId(), ex.getMessage());
      answerQuietly(e, MessageKey.ERROR_DATABASE_UNAVAILABLE);
    } catch (ErrorResponseException ex) {
      if (isNotOurs(ex)) {
        notAcknowledged(e, what, ex);
      } else {
        tracker.failed(e);
        String ref = newReference();
        log.error("{} (interaction {}) failed [ref {}]: {}", what, e.getId(), ref,
            TicketHandlers.describe(ex), ex);
        answerQuietly(e, MessageKey.ERROR_INTERNAL_REF, ref);
      }
    } catch (RuntimeException ex) {
      tracker.failed(e);
      String ref = newReference();
      log.error("{} (interaction {}) failed [ref {}]", what, e.getId(), ref, ex);
      answerQuietly(e, MessageKey.ERROR_INTERNAL_REF, ref);
    }
  }

  /** A short reference (8 hex digits) shown to the user and logged with the failure. */
  static String newReference() {
    return String.format("%08x", ThreadLocalRandom.current().nextInt());
  }

  /** The interaction was answered elsewhere or is gone: nothing of ours to do or to say. */
  private static boolean isNotOurs(ErrorResponseException ex) {
    return ex.getErrorResponse() == ErrorResponse.INTERACTION_ALREADY_ACKNOWLEDGED
        || ex.getErrorResponse() == ErrorResponse.UNKNOWN_INTERACTION;
  }

  private void notAcknowledged(IReplyCallback e, String what, Throwable failure) {
    if (failure instanceof ErrorResponseException ere
        && ere.getErrorResponse() == ErrorResponse.INTERACTION_ALREADY_ACKNOWLEDGED) {
      tracker.duplicate(e);
      log.info("{} (interaction {}): already acknowledged (delivered twice, or to another"
          + " process running this shard); not handled again", what, e.getId());
    } else if (failure instanceof ErrorResponseException ere
        && ere.getErrorResponse() == ErrorResponse.UNKNOWN_INTERACTION) {
      tracker.failed(e);
      log.warn("{} (interaction {}): Discord no longer knows the interaction (acknowledged too"
          + " late?); not handled", what, e.getId());
    } else {
      tracker.failed(e);
      log.warn("{} (interaction {}): could not acknowledge: {}", what, e.getId(),
          TicketHandlers.describe(failure));
    }
  }

  private void answerQuietly(IReplyCallback e, MessageKey key, Object... args) {
    try {
      replies.send(e, key, args);
    } catch (RuntimeException ex) {
      log.warn("interaction {}: could not send the error answer: {}", e.getId(),
          TicketHandlers.describe(ex));
    }
  }
}
