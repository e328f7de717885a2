/**
 * Durable Discord side effects: what a confirmed lifecycle step still has to do on Discord,
 * recorded in the same transaction as the step and performed (and retried) by the adapter's
 * worker until each effect is settled. See docs/core.md, "Durable side effects".
 */
package dev.tiramisu.tickets.effects;
