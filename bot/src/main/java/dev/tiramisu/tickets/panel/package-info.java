/**
 * Panels (issue 12): messages with one button or select option per ticket type that open a
 * ticket of that type. {@link dev.tiramisu.tickets.panel.Panels} validates and records them, the
 * {@link dev.tiramisu.tickets.panel.PanelStore} port persists them; the Discord adapter renders and
 * posts them. No Discord library types.
 */
package dev.tiramisu.tickets.panel;
