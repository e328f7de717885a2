package dev.tiramisu.tickets.transcript;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Transcripts for tests: an ordinary ticket, and one made of {@link HostileCorpus}. */
public final class TranscriptFixtures {
  public static final Instant T0 = Instant.parse("2025-03-04T10:15:30Z");
  public static final TranscriptUser ALICE = new TranscriptUser("101", "alice", false);
  public static final TranscriptUser MOD = new TranscriptUser("102", "moderator", false);
  public static final TranscriptUser BOT = new TranscriptUser("100", "Tiramisu Tickets", true);

  private TranscriptFixtures() {}

  /** A ticket with member, staff and bot messages, an embed, an attachment, a reply, an edit, CV2 text, system lines. */
  public static Transcript ordinary(boolean messageContent) {
    List<TranscriptMessage> ms = new ArrayList<>();
    ms.add(new TranscriptMessage("1001", BOT, T0, null, "<@101> opened a ticket. <@&2> will help.", null,
        List.of(), List.of(), List.of(), SystemKind.NONE,
        new MentionNames(Map.of("101", "alice"), Map.of("2", "Staff"), Map.of())));
    ms.add(new TranscriptMessage("1002", BOT, T0.plusSeconds(1), null, "", null, List.of(), List.of(), List.of(),
        SystemKind.PINNED, MentionNames.NONE));
    ms.add(new TranscriptMessage("1003", ALICE, T0.plusSeconds(60), T0.plusSeconds(90),
        messageContent ? "My **printer** is on fire" : "", null, List.of(), List.of(),
        List.of(new TranscriptAttachment("photo.png", "https://cdn.example/attachments/1/photo.png", 2048)),
        SystemKind.NONE, MentionNames.NONE));
    ms.add(new TranscriptMessage("1004", MOD, T0.plusSeconds(120), null,
        messageContent ? "Have you tried turning it off?" : "", "1003", List.of(), List.of(), List.of(),
        SystemKind.NONE, MentionNames.NONE));
    ms.add(new TranscriptMessage("1005", BOT, T0.plusSeconds(130), null, "", null,
        List.of(new TranscriptEmbed("Ticket info", "Opened by <@101>", "https://example.com/t/1", 0x5865f2,
            List.of(new TranscriptEmbed.Field("Reason", "printer", true)), "ticket #7")),
        List.of("## Status\nWaiting for **alice**"), List.of(), SystemKind.NONE,
        new MentionNames(Map.of("101", "alice"), Map.of(), Map.of())));
    ms.add(new TranscriptMessage("1006", MOD, T0.plusSeconds(140), null, "", null, List.of(), List.of(), List.of(),
        SystemKind.MEMBER_ADDED, new MentionNames(Map.of("103", "bob"), Map.of(), Map.of())));
    ms.add(TranscriptMessage.text("1007", BOT, T0.plusSeconds(200), "Ticket closed by <@102>."));
    return new Transcript(7, "Support Server", "Ticket #7", ALICE, T0, T0.plusSeconds(200), messageContent, ms,
        false);
  }

  /** Every corpus entry as a message's content, plus hostile names, embeds, attachments and text displays. */
  public static Transcript hostile() {
    TranscriptUser evilUser = new TranscriptUser("666", "<img src=x onerror=alert(1)>\u202eevil", false);
    List<TranscriptMessage> ms = new ArrayList<>();
    long id = 5000;
    MentionNames names = new MentionNames(Map.of("1", "<script>alert(1)</script>"),
        Map.of("2", "\"><img src=x onerror=alert(1)>"), Map.of("3", "</style><script>alert(1)</script>"));
    for (int i = 0; i < HostileCorpus.MESSAGES.size(); i++) {
      String text = HostileCorpus.MESSAGES.get(i);
      TranscriptUser author = i % 3 == 0 ? evilUser : i % 3 == 1 ? ALICE : BOT;
      String replyTo = i > 0 && i % 5 == 0 ? Long.toString(id - 1) : null;
      ms.add(new TranscriptMessage(Long.toString(id++), author, T0.plusSeconds(i * 10L),
          i % 4 == 0 ? T0.plusSeconds(i * 10L + 5) : null, text, replyTo, List.of(), List.of(), List.of(),
          SystemKind.NONE, names));
    }
    List<TranscriptEmbed> embeds = new ArrayList<>();
    List<TranscriptAttachment> attachments = new ArrayList<>();
    for (String text : HostileCorpus.MESSAGES.subList(0, 12)) {
      embeds.add(new TranscriptEmbed(text, text, "javascript:alert(1)", 0x123456,
          List.of(new TranscriptEmbed.Field(text, text, true)), text));
      attachments.add(new TranscriptAttachment(text, "javascript:alert(1)", 1));
    }
    attachments.add(new TranscriptAttachment("data.html", "data:text/html,<script>alert(1)</script>", 1));
    attachments.add(new TranscriptAttachment("vb.txt", "vbscript:msgbox(1)", 1));
    attachments.add(new TranscriptAttachment("quote\".txt", "https://cdn.example/a\"onmouseover=\"alert(1)", 1));
    attachments.add(new TranscriptAttachment("ok.txt", "https://cdn.example/attachments/ok.txt", 12));
    ms.add(new TranscriptMessage(Long.toString(id++), BOT, T0.plusSeconds(5000), null, "", null, embeds,
        HostileCorpus.MESSAGES.subList(0, 12), attachments, SystemKind.NONE, names));
    ms.add(new TranscriptMessage(Long.toString(id++), evilUser, T0.plusSeconds(5001), null,
        "</style><script>alert(1)</script>", null, List.of(), List.of(), List.of(), SystemKind.NAME_CHANGED,
        names));
    ms.add(new TranscriptMessage(Long.toString(id), evilUser, T0.plusSeconds(5002), null, "", null, List.of(),
        List.of(), List.of(), SystemKind.MEMBER_ADDED,
        new MentionNames(Map.of("7", "<svg onload=alert(1)>"), Map.of(), Map.of())));
    return new Transcript(13, "<script>document.title='PWNED'</script> Guild",
        "</title><script>alert(1)</script>", evilUser, T0, T0.plusSeconds(6000), true, ms, false);
  }
}
