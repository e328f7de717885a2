/**
 * Discord-style REST rate limiting for the emulator.
 *
 * <p>{@link dev.tiramisu.discordemu.ratelimit.RateLimiter} decides per request, from an immutable
 * {@link dev.tiramisu.discordemu.ratelimit.RateLimitConfig} and an injectable clock; {@link
 * dev.tiramisu.discordemu.ratelimit.RateLimitResponses} writes Discord's headers and 429 bodies for
 * the limiter and for injected faults alike.
 */
package dev.tiramisu.discordemu.ratelimit;
