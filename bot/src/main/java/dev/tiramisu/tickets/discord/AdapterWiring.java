package dev.tiramisu.tickets.discord;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Builds the adapter's parts from the core's services: the executors, the effects worker, the
 * interaction router with every feature's handlers, the gateway event listener and the timers'
 * scheduler. Nothing here talks to Discord yet; {@link DiscordBot#start} connects and starts them.
 */
final class AdapterWiring {
  /** Threads that run handlers after the acknowledgement; they block on Discord and the database. */
  static final int HANDLER_THREADS = 8;
  /**
   * Threads that acknowledge creates (a settings read, then a form or a deferral), and as many
   * for those settings reads. An acknowledgement mostly waits (the database, then the callback's
   * round trip to Discord), so 4 threads served a burst of 200 creates one after another: in the
   * profile of that burst each acknowledgement took 2-5 ms, but waited over 600 ms for a thread.
   */
  static final int ACK_THREADS = 16;
  /**
   * Threads that run JDA's callbacks, among them the completion of every {@code complete()}: JDA
   * defaults to the JVM's common fork-join pool, which has a single thread on a 2-core machine,
   * shared with anything else in the process, so one slow callback held up every request's answer.
   */
  static final int CALLBACK_THREADS = 4;

  final List<ExecutorService> executors;
  /** JDA's callback pool; stopped after the shards (they answer their last requests on it). */
  final ExecutorService callbacks;
  final EffectWorker worker;
  final InteractionRouter router;
  final WorldEvents worldEvents;
  final TimerScheduler scheduler;
  final PanelMessages panelMessages;

  AdapterWiring(AdapterServices s, EffectWorker.Config effectConfig,
      TimerScheduler.Config timerConfig, DiscordBot.Observers observers) {
    ExecutorService working = Executors.newFixedThreadPool(HANDLER_THREADS, named("handler"));
    ExecutorService acknowledging = Executors.newFixedThreadPool(ACK_THREADS, named("ack"));
    ExecutorService settingsReads = Executors.newFixedThreadPool(ACK_THREADS, named("ack-read"));
    ScheduledExecutorService deferrals =
        Executors.newSingleThreadScheduledExecutor(named("deferral"));
    executors = List.of(acknowledging, settingsReads, working, deferrals);
    callbacks = Executors.newFixedThreadPool(CALLBACK_THREADS, named("jda-callback"));
    InteractionTracker tracker = new InteractionTracker(observers.interactions());
    HeldReplies held = new HeldReplies(effectConfig.answerHold().isZero() ? null : deferrals,
        effectConfig.answerHold(), tracker);
    Replies replies = new Replies(s.messages(), tracker, held);
    TicketTexts texts = new TicketTexts(s.messages(), s.types()::ofTicket,
        s.types().forms()::answers);
    ThreadLookup threads = new ThreadLookup(s.settings());
    Transcripts transcripts = s.transcripts();
    TranscriptEffects transcriptEffects = new TranscriptEffects(transcripts.store(), s.messages(),
        threads, transcripts.messageContentIntent(), s.clock());
    worker = new EffectWorker(s.effects(), s.tickets(), s.leases(), s.clock(), effectConfig,
        new EffectDispatch(s.tickets(), s.clock(),
            new OpenEffects(s.tickets(), texts, threads),
            new CloseEffects(texts, threads, transcriptEffects),
            new ReplyEffects(held), new ThreadStateEffects(threads),
            new StaffEffects(texts, threads, s.claims()),
            new TimerEffects(s.timers(), texts, threads),
            transcriptEffects, new FeedbackEffects(s.feedback())));
    TicketThreads inThread = new TicketThreads(s.tickets(), replies);
    StaffWorkflow workflow = new StaffWorkflow(
        new CloseHandlers(s.tickets(), s.claims(), replies,
            new PendingCloseReasons(s.confirmations(), s.clock()), worker, inThread),
        new ClaimHandlers(s.claims(), replies, worker, inThread),
        new MemberHandlers(s.members(), s.claims(), replies, worker, inThread),
        new ReopenHandlers(s.tickets(), replies, worker, inThread));
    SettingHandlers settingHandlers = new SettingHandlers(s.settings(), replies, s.world(),
        transcripts.messageContentIntent());
    panelMessages = new PanelMessages(s.panels());
    router = new InteractionRouter(acknowledging, working,
        new TicketHandlers(s.tickets(), s.settings(), replies, settingsReads, worker,
            s.blocklist(), s.types()),
        new StaffHandlers(s.tickets(), s.settings(), replies, worker, s.types()),
        settingHandlers, new ListHandlers(s.ticketList(), replies),
        new BlocklistHandlers(s.blocklist(), s.settings(), replies), workflow,
        new CloseRequestHandlers(s.tickets(), s.timers(), replies, worker),
        new TicketTypeHandlers(s.types(), s.settings(), settingHandlers, replies, panelMessages),
        new TypeQuestionHandlers(s.types(), s.settings(), replies),
        new PanelHandlers(s.panels(), panelMessages, replies), panelMessages,
        new TypeAutocomplete(s.types()), new TranscriptHandlers(transcripts.access(), replies),
        new FeedbackHandlers(s.feedback(), replies), new StatsHandlers(s.stats(), replies),
        replies, tracker);
    worldEvents = new WorldEvents(s.tickets(), s.timers(), s.world(), worker, working,
        s.feedback());
    scheduler = new TimerScheduler(s.tickets(), s.timers(), worker, threads, panelMessages,
        s.leases(), s.clock(), timerConfig);
  }

  private static ThreadFactory named(String kind) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, "tickets-" + kind + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
