package dev.tiramisu.tickets.discord;

/**
 * The handlers of the staff workflow (issue 11) the router dispatches to: closing, claiming,
 * adding and removing members, reopening.
 */
record StaffWorkflow(CloseHandlers close, ClaimHandlers claim, MemberHandlers members,
    ReopenHandlers reopen) {}
