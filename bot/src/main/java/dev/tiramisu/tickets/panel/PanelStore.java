package dev.tiramisu.tickets.panel;

import java.util.List;
import java.util.Optional;

/**
 * Persistence of {@link Panel}s ({@code panels} and {@code panel_types}, V12). State changes are
 * conditional (from one state to another), so two processes finishing the same panel change it
 * once. Implementations throw {@link dev.tiramisu.tickets.common.StorageUnavailableException} on
 * database failure.
 */
public interface PanelStore {

  /** Saves a new panel in {@link Panel.State#POSTING} with its types; returns it with its id. */
  Panel insert(Panel panel);

  Optional<Panel> find(long panelId);

  /** The guild's panels that are not deleted, oldest first. */
  List<Panel> list(long guildId);

  /** Every panel still {@link Panel.State#POSTING}, oldest first. */
  List<Panel> posting();

  /**
   * The posted panels (of every guild, or of {@code guildId} when not null) with a redraw
   * requested and not done, oldest first (V17: a type they offer changed; {@link
   * dev.tiramisu.tickets.settings.TicketTypeStore} requests it with the change).
   */
  List<Panel> redrawsDue(Long guildId);

  /** How many redraws of the panel were requested so far; read before drawing it. */
  long redrawsRequested(long panelId);

  /**
   * Records that a redraw drawn after {@code requested} requests reached Discord: the panel is no
   * longer due unless a request came since.
   */
  void redrawn(long panelId, long requested);

  /**
   * Moves a panel from {@code from} to {@code to}, recording the message id (null keeps it).
   *
   * @return whether this call changed it
   */
  boolean transition(long panelId, Panel.State from, Panel.State to, Long messageId);
}
