package dev.tiramisu.tickets.settings;

/**
 * A ticket's answer to one question of its type's form, as saved with the ticket: the question's
 * label is a copy, so later changes to the form never change what an old ticket shows.
 *
 * @param position the question's rank in the form (1 = first)
 * @param label the question as it was asked
 * @param answer the text typed, or a select's chosen options joined with {@code ", "}
 */
public record FormAnswer(int position, String label, String answer) {}
