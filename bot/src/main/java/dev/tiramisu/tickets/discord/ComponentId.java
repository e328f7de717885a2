package dev.tiramisu.tickets.discord;

import java.util.Optional;

/**
 * The custom ids of the bot's buttons and modals, as typed values with their own codec.
 *
 * <p>Ids are stateless: everything a handler needs is in the id, so a panel posted months ago still
 * works after any number of restarts. Encoded ids are {@code tt:<kind>[:<number>...]}, at most
 * {@value #MAX_LENGTH} characters (Discord's limit); ticket ids are database ids, user ids
 * snowflakes.
 */
sealed interface ComponentId {
  /** Discord's limit for custom ids. */
  int MAX_LENGTH = 100;

  String PREFIX = "tt";

  /** The panel's "open a ticket" button. */
  record OpenTicket() implements ComponentId {}

  /** The modal asking for a reason before a ticket is opened. */
  record OpenModal() implements ComponentId {}

  /** The Close button in a ticket's first message. */
  record Close(long ticketId) implements ComponentId {}

  /** "Yes, close" on a confirmation shown to {@code requesterId}. */
  record ConfirmClose(long ticketId, long requesterId) implements ComponentId {}

  /** "Cancel" on a confirmation shown to {@code requesterId}. */
  record CancelClose(long ticketId, long requesterId) implements ComponentId {}

  /**
   * A page button of {@code /ticket list}: the page to show and the filter (creator 0 = everyone;
   * state {@code all}, {@code open}, {@code closed} or {@code failed}).
   */
  record ListPage(int page, long creatorId, String state) implements ComponentId {
    public ListPage {
      if (page < 1 || creatorId < 0 || !LIST_STATES.contains(state)) {
        throw new IllegalArgumentException("bad list page id");
      }
    }
  }

  /** The states a {@link ListPage} id may name. */
  java.util.List<String> LIST_STATES = java.util.List.of("all", "open", "closed", "failed");
  /** The Claim button in a ticket's first message (issue 11). */
  record Claim(long ticketId) implements ComponentId {}

  /** The Reopen button in a ticket's "closed by" message (issue 11). */
  record Reopen(long ticketId) implements ComponentId {}
  /** "Accept and close" on a close request (only the ticket's creator may press it). */
  record CloseRequestAccept(long requestId) implements ComponentId {}

  /** "Keep open" on a close request (only the ticket's creator may press it). */
  record CloseRequestKeep(long requestId) implements ComponentId {}

  /** The select asking which ticket type to open (values: type ids). */
  record PickType() implements ComponentId {}

  /** The reason form for a ticket of type {@code typeId} (issue 12). */
  record OpenTypedModal(long typeId) implements ComponentId {}

  /**
   * The form of a ticket type with questions (issue 12): the type and the version of its form
   * ({@code TypeForms.version}) when it was shown, so a submission of a form changed since is
   * recognised.
   */
  record TypeForm(long typeId, long version) implements ComponentId {
    public TypeForm {
      if (typeId <= 0 || version < 0) {
        throw new IllegalArgumentException("bad form id");
      }
    }
  }
  /** A type's button on a panel posted with {@code /panel create} (issue 12). */
  record PanelButton(long panelId, long typeId) implements ComponentId {}

  /** The select menu of a panel with more than five types (values: type ids). */
  record PanelSelect(long panelId) implements ComponentId {}

  /** A rating button (1..5 stars) of a ticket's close DM (issue 13). */
  record Rate(long ticketId, int stars) implements ComponentId {
    public Rate {
      if (stars < 1 || stars > 5) {
        throw new IllegalArgumentException("bad rating");
      }
    }
  }

  /** "Add a comment" on a rated ticket's close DM. */
  record RateComment(long ticketId) implements ComponentId {}

  /** The form asking for a rating's comment. */
  record RateModal(long ticketId) implements ComponentId {}

  /** The id of the comment input in {@link RateModal}. */
  String COMMENT_INPUT = "comment";

  /** The id of the reason input in {@link OpenModal}. */
  String REASON_INPUT = "reason";

  /** The custom id for this value. */
  default String encode() {
    String id;
    if (this instanceof OpenTicket) {
      id = PREFIX + ":open";
    } else if (this instanceof OpenModal) {
      id = PREFIX + ":open-modal";
    } else if (this instanceof Close c) {
      id = PREFIX + ":close:" + c.ticketId();
    } else if (this instanceof ConfirmClose c) {
      id = PREFIX + ":confirm-close:" + c.ticketId() + ":" + c.requesterId();
    } else if (this instanceof CancelClose c) {
      id = PREFIX + ":cancel-close:" + c.ticketId() + ":" + c.requesterId();
    } else if (this instanceof ListPage l) {
      id = PREFIX + ":list:" + l.page() + ":" + l.creatorId() + ":" + l.state();
    } else if (this instanceof Claim c) {
      id = PREFIX + ":claim:" + c.ticketId();
    } else if (this instanceof Reopen c) {
      id = PREFIX + ":reopen:" + c.ticketId();
    } else if (this instanceof CloseRequestAccept c) {
      id = PREFIX + ":cr-accept:" + c.requestId();
    } else if (this instanceof CloseRequestKeep c) {
      id = PREFIX + ":cr-keep:" + c.requestId();
    } else if (this instanceof PickType) {
      id = PREFIX + ":pick-type";
    } else if (this instanceof OpenTypedModal m) {
      id = PREFIX + ":open-modal:" + m.typeId();
    } else if (this instanceof TypeForm f) {
      id = PREFIX + ":form:" + f.typeId() + ":" + f.version();
    } else if (this instanceof PanelButton b) {
      id = PREFIX + ":panel:" + b.panelId() + ":" + b.typeId();
    } else if (this instanceof PanelSelect m) {
      id = PREFIX + ":panel-select:" + m.panelId();
    } else if (this instanceof Rate r) {
      id = PREFIX + ":rate:" + r.ticketId() + ":" + r.stars();
    } else if (this instanceof RateComment r) {
      id = PREFIX + ":rate-comment:" + r.ticketId();
    } else if (this instanceof RateModal r) {
      id = PREFIX + ":rate-modal:" + r.ticketId();
    } else {
      throw new AssertionError(this);
    }
    if (id.length() > MAX_LENGTH) {
      throw new IllegalStateException("custom id longer than " + MAX_LENGTH);
    }
    return id;
  }

  /**
   * Parses a custom id.
   *
   * @return the id, or empty if it is not one of ours or is malformed (e.g. from an older version)
   */
  static Optional<ComponentId> decode(String customId) {
    if (customId == null || customId.length() > MAX_LENGTH) {
      return Optional.empty();
    }
    String[] p = customId.split(":", -1);
    if (p.length < 2 || !p[0].equals(PREFIX)) {
      return Optional.empty();
    }
    try {
      switch (p[1]) {
        case "open":
          return p.length == 2 ? Optional.of(new OpenTicket()) : Optional.empty();
        case "open-modal":
          if (p.length == 3) {
            return Optional.of(new OpenTypedModal(id(p[2])));
          }
          return p.length == 2 ? Optional.of(new OpenModal()) : Optional.empty();
        case "form":
          if (p.length != 4 || p[3].isEmpty() || p[3].length() > 18
              || !p[3].chars().allMatch(Character::isDigit)) {
            return Optional.empty();
          }
          return Optional.of(new TypeForm(id(p[2]), Long.parseLong(p[3])));
        case "pick-type":
          return p.length == 2 ? Optional.of(new PickType()) : Optional.empty();
        case "close":
          return p.length == 3 ? Optional.of(new Close(id(p[2]))) : Optional.empty();
        case "confirm-close":
          return p.length == 4
              ? Optional.of(new ConfirmClose(id(p[2]), id(p[3])))
              : Optional.empty();
        case "cancel-close":
          return p.length == 4
              ? Optional.of(new CancelClose(id(p[2]), id(p[3])))
              : Optional.empty();
        case "list":
          if (p.length != 5 || !LIST_STATES.contains(p[4])) {
            return Optional.empty();
          }
          long page = id(p[2]);
          long creator = p[3].equals("0") ? 0 : id(p[3]);
          return page > Integer.MAX_VALUE
              ? Optional.empty()
              : Optional.of(new ListPage((int) page, creator, p[4]));
        case "claim":
          return p.length == 3 ? Optional.of(new Claim(id(p[2]))) : Optional.empty();
        case "reopen":
          return p.length == 3 ? Optional.of(new Reopen(id(p[2]))) : Optional.empty();
        case "cr-accept":
          return p.length == 3 ? Optional.of(new CloseRequestAccept(id(p[2]))) : Optional.empty();
        case "cr-keep":
          return p.length == 3 ? Optional.of(new CloseRequestKeep(id(p[2]))) : Optional.empty();
        case "panel":
          return p.length == 4 ? Optional.of(new PanelButton(id(p[2]), id(p[3])))
              : Optional.empty();
        case "panel-select":
          return p.length == 3 ? Optional.of(new PanelSelect(id(p[2]))) : Optional.empty();
        case "rate":
          if (p.length != 4 || !p[3].matches("[1-5]")) {
            return Optional.empty();
          }
          return Optional.of(new Rate(id(p[2]), Integer.parseInt(p[3])));
        case "rate-comment":
          return p.length == 3 ? Optional.of(new RateComment(id(p[2]))) : Optional.empty();
        case "rate-modal":
          return p.length == 3 ? Optional.of(new RateModal(id(p[2]))) : Optional.empty();
        default:
          return Optional.empty();
      }
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static long id(String s) {
    if (s.isEmpty() || !s.chars().allMatch(Character::isDigit)) {
      throw new NumberFormatException("not an id");
    }
    long v = Long.parseLong(s);
    if (v <= 0) {
      throw new NumberFormatException("not positive");
    }
    return v;
  }
}
