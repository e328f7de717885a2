/**
 * Deterministic fault injection for the emulator: latency, 5xx, 429 storms and gateway faults.
 *
 * <p>A {@link dev.tiramisu.discordemu.faults.FaultPlan} lists rules; a {@link
 * dev.tiramisu.discordemu.faults.FaultInjector} applies them from a seed, and only decides: the
 * server and gateway act the faults out (latency included: it is returned, never slept).
 */
package dev.tiramisu.discordemu.faults;
