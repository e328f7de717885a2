package dev.tiramisu.tickets.discord;

import dev.tiramisu.tickets.common.StorageUnavailableException;
import dev.tiramisu.tickets.text.MessageKey;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import net.dv8tion.jda.api.events.interaction.ModalInteractionEvent;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.events.interaction.component.ButtonInteractionEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import net.dv8tion.jda.api.interactions.callbacks.IReplyCallback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dispatches slash commands by name and buttons and modals by their {@link ComponentId}, running
 * every handler on a small executor, never on JDA's gateway thread. Handlers acknowledge first
 * (within Discord's 3 seconds); failures become ephemeral answers: {@code
 * error.database-unavailable} for database outages, {@code error.internal} for bugs (logged with
 * the stack trace, never with message contents).
 */
final class InteractionRouter extends ListenerAdapter {
  private static final Logger log = LoggerFactory.getLogger(InteractionRouter.class);

  private final ExecutorService executor;
  private final TicketHandlers tickets;
  private final SettingHandlers settings;
  private final Replies replies;

  InteractionRouter(ExecutorService executor, TicketHandlers tickets, SettingHandlers settings,
      Replies replies) {
    this.executor = executor;
    this.tickets = tickets;
    this.settings = settings;
    this.replies = replies;
  }

  @Override
  public void onSlashCommandInteraction(SlashCommandInteractionEvent e) {
    String route = e.getName() + " " + e.getSubcommandName();
    Runnable handler;
    switch (route) {
      case CommandCatalog.TICKET + " " + CommandCatalog.CREATE -> handler = () -> tickets.createCommand(e);
      case CommandCatalog.TICKET + " " + CommandCatalog.CLOSE -> handler = () -> tickets.closeCommand(e);
      case CommandCatalog.TICKET + " " + CommandCatalog.CHECK -> handler = () -> tickets.check(e);
      case CommandCatalog.TICKET + " " + CommandCatalog.BUTTON -> handler = () -> tickets.panel(e);
      case CommandCatalog.SETTING + " " + CommandCatalog.SET -> handler = () -> settings.set(e);
      case CommandCatalog.SETTING + " " + CommandCatalog.GET -> handler = () -> settings.get(e);
      default -> {
        log.warn("unknown command /{}", route);
        return;
      }
    }
    run(e, "/" + route, handler);
  }

  @Override
  public void onButtonInteraction(ButtonInteractionEvent e) {
    Optional<ComponentId> id = ComponentId.decode(e.getComponentId());
    if (id.isEmpty()) {
      log.warn("button with an unknown custom id");
      return;
    }
    ComponentId c = id.get();
    Runnable handler;
    if (c instanceof ComponentId.OpenTicket) {
      handler = () -> tickets.createButton(e);
    } else if (c instanceof ComponentId.Close close) {
      handler = () -> tickets.closeButton(e, close);
    } else if (c instanceof ComponentId.ConfirmClose confirm) {
      handler = () -> tickets.confirmClose(e, confirm);
    } else if (c instanceof ComponentId.CancelClose cancel) {
      handler = () -> tickets.cancelClose(e, cancel);
    } else {
      log.warn("button with a non-button id {}", c.getClass().getSimpleName());
      return;
    }
    run(e, "button " + c.getClass().getSimpleName(), handler);
  }

  @Override
  public void onModalInteraction(ModalInteractionEvent e) {
    Optional<ComponentId> id = ComponentId.decode(e.getModalId());
    if (id.isPresent() && id.get() instanceof ComponentId.OpenModal) {
      run(e, "modal OpenModal", () -> tickets.createModal(e));
    } else {
      log.warn("modal with an unknown custom id");
    }
  }

  private void run(IReplyCallback e, String what, Runnable handler) {
    try {
      executor.execute(() -> guarded(e, what, handler));
    } catch (RejectedExecutionException stopping) {
      log.info("shutting down: {} ignored", what);
    }
  }

  private void guarded(IReplyCallback e, String what, Runnable handler) {
    try {
      handler.run();
    } catch (StorageUnavailableException ex) {
      log.warn("{} (interaction {}): database unavailable: {}", what, e.getId(), ex.getMessage());
      answerQuietly(e, MessageKey.ERROR_DATABASE_UNAVAILABLE);
    } catch (RuntimeException ex) {
      log.error("{} (interaction {}) failed", what, e.getId(), ex);
      answerQuietly(e, MessageKey.ERROR_INTERNAL);
    }
  }

  private void answerQuietly(IReplyCallback e, MessageKey key) {
    try {
      replies.send(e, key);
    } catch (RuntimeException ex) {
      log.warn("interaction {}: could not send the error answer: {}", e.getId(),
          TicketHandlers.describe(ex));
    }
  }
}
