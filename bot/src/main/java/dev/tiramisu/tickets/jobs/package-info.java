/** Coordination of timed jobs across bot processes ({@link dev.tiramisu.tickets.jobs.JobLeases}). */
package dev.tiramisu.tickets.jobs;
