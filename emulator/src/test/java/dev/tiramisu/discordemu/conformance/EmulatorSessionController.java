package dev.tiramisu.discordemu.conformance;

import net.dv8tion.jda.api.utils.SessionControllerAdapter;

/**
 * Gives JDA the emulator's gateway URL and starts queued sessions without JDA's 5 s IDENTIFY_DELAY between them
 * (the emulator's test default reports max_concurrency 16 and refuses no identify). A ShardManager still asks
 * {@code GET /gateway/bot} for the URL.
 */
final class EmulatorSessionController extends SessionControllerAdapter {
  private final String gatewayUrl;

  EmulatorSessionController(String gatewayUrl) {
    this.gatewayUrl = gatewayUrl;
  }

  @Override
  public String getGateway() {
    return gatewayUrl;
  }

  @Override
  protected void runWorker() {
    synchronized (lock) {
      if (workerHandle == null) {
        workerHandle = new QueueWorker(0L);
        workerHandle.start();
      }
    }
  }
}
