package dev.tiramisu.tickets.transcript;

import java.util.List;
import java.util.Objects;

/**
 * The readable parts of an embed; every text may be null. {@code color} is 0xRRGGBB or null (no
 * colour); {@code url} is the title's link.
 */
public record TranscriptEmbed(String title, String description, String url, Integer color,
    List<Field> fields, String footer) {
  public TranscriptEmbed {
    fields = List.copyOf(Objects.requireNonNull(fields, "fields"));
  }

  /** An embed field. */
  public record Field(String name, String value, boolean inline) {
    public Field {
      name = name == null ? "" : name;
      value = value == null ? "" : value;
    }
  }
}
