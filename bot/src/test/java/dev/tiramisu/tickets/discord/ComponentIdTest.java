package dev.tiramisu.tickets.discord;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ComponentIdTest {
  private static final long MAX = Long.MAX_VALUE;

  @Test
  void every_id_survives_a_round_trip_and_fits_discords_limit() {
    List<ComponentId> ids = List.of(new ComponentId.OpenTicket(), new ComponentId.OpenModal(),
        new ComponentId.Close(MAX), new ComponentId.ConfirmClose(MAX, MAX),
        new ComponentId.CancelClose(1, 1234567890123456789L),
        new ComponentId.ListPage(Integer.MAX_VALUE, MAX, "closed"),
        new ComponentId.ListPage(1, 0, "all"), new ComponentId.Claim(MAX),
        new ComponentId.Reopen(MAX), new ComponentId.TypeForm(MAX, 4_294_967_295L),
        new ComponentId.TypeForm(1, 0), new ComponentId.PanelButton(MAX, MAX),
        new ComponentId.PanelSelect(MAX), new ComponentId.Rate(MAX, 5), new ComponentId.Rate(1, 1),
        new ComponentId.RateComment(MAX), new ComponentId.RateModal(MAX));
    for (ComponentId id : ids) {
      String encoded = id.encode();
      assertThat(encoded).startsWith("tt:").hasSizeLessThanOrEqualTo(ComponentId.MAX_LENGTH);
      assertThat(ComponentId.decode(encoded)).contains(id);
    }
  }

  @Test
  void the_panel_id_is_stable_across_versions() {
    assertThat(new ComponentId.OpenTicket().encode()).isEqualTo("tt:open");
    assertThat(new ComponentId.ConfirmClose(7, 42).encode()).isEqualTo("tt:confirm-close:7:42");
    assertThat(new ComponentId.ListPage(2, 42, "open").encode()).isEqualTo("tt:list:2:42:open");
    assertThat(new ComponentId.Claim(7).encode()).isEqualTo("tt:claim:7");
    assertThat(new ComponentId.Reopen(7).encode()).isEqualTo("tt:reopen:7");
    assertThat(new ComponentId.TypeForm(7, 12345).encode()).isEqualTo("tt:form:7:12345");
    assertThat(new ComponentId.PanelButton(3, 12).encode()).isEqualTo("tt:panel:3:12");
    assertThat(new ComponentId.PanelSelect(3).encode()).isEqualTo("tt:panel-select:3");
    assertThat(new ComponentId.Rate(7, 4).encode()).isEqualTo("tt:rate:7:4");
    assertThat(new ComponentId.RateComment(7).encode()).isEqualTo("tt:rate-comment:7");
    assertThat(new ComponentId.RateModal(7).encode()).isEqualTo("tt:rate-modal:7");
  }

  @Test
  void foreign_or_malformed_ids_decode_to_nothing() {
    for (String bad : new String[] {null, "", "tt", "tt:", "xx:open", "tt:open:1", "tt:close",
        "tt:close:", "tt:close:-1", "tt:close:0", "tt:close:abc", "tt:close:1:2",
        "tt:confirm-close:1", "tt:close:99999999999999999999", "tt:close: 1", "tt:unknown",
        "tt:close:1".repeat(20), "tt:list:0:0:all", "tt:list:1:0:deleted", "tt:list:1:0",
        "tt:list:1:-1:all", "tt:list:99999999999:0:all",
        "tt:claim", "tt:claim:0", "tt:claim:1:2", "tt:reopen:x", "tt:reopen:",
        "tt:form:1", "tt:form:1:", "tt:form:0:1", "tt:form:1:-1", "tt:form:1:x",
        "tt:form:1:1:1", "tt:form:1:1234567890123456789",
        "tt:panel", "tt:panel:1", "tt:panel:1:0", "tt:panel:0:1", "tt:panel:1:2:3",
        "tt:panel:a:1", "tt:panel-select", "tt:panel-select:0", "tt:panel-select:1:2",
        "tt:rate:1", "tt:rate:1:0", "tt:rate:1:6", "tt:rate:1:45", "tt:rate:0:3",
        "tt:rate:1:3:1", "tt:rate-comment:", "tt:rate-modal:x"}) {
      assertThat(ComponentId.decode(bad)).as(String.valueOf(bad)).isEmpty();
    }
  }
}
