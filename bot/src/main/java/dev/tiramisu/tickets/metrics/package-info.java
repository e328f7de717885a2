/**
 * Operations: Prometheus metrics through Micrometer ({@link dev.tiramisu.tickets.metrics.BotMetrics}),
 * Discord REST request counts ({@link dev.tiramisu.tickets.metrics.RestMetrics}, an OkHttp
 * interceptor) and the {@code /metrics}, {@code /healthz}, {@code /readyz} endpoint ({@link
 * dev.tiramisu.tickets.metrics.OpsServer}). Knows neither JDA nor the domain: the wiring ({@code
 * app}) feeds it.
 */
package dev.tiramisu.tickets.metrics;
