/**
 * Ticket transcripts: a plain model of a thread's history ({@link
 * dev.tiramisu.tickets.transcript.Transcript}), the paging contract the Discord adapter implements
 * ({@link dev.tiramisu.tickets.transcript.TranscriptSource}), a self-contained, script-free HTML
 * rendering with Discord markdown ({@link dev.tiramisu.tickets.transcript.TranscriptRenderer}) and
 * gzip helpers for storing it. No Discord library types: the adapter converts JDA's messages.
 */
package dev.tiramisu.tickets.transcript;
