package dev.tiramisu.discordemu;

/** Runs the emulator on its own. */
public final class EmulatorMain {
  private EmulatorMain() {}

  public static void main(String[] args) {
    System.out.println("emulator: not yet");
  }
}
