package dev.tiramisu.tickets.app;

/** Entry point of the bot. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.out.println("bot: not yet");
  }
}
