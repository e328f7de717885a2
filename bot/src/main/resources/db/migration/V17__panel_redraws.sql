-- Redraws of panels after a type they offer changed (see docs/core.md, "Panels"). Editing or
-- deleting a ticket type adds one to redraws_requested of every panel offering it (posted, or
-- being posted: it may have been drawn with the type as it was), in the same transaction as the
-- change; a redraw that reached Discord stores in redraws_done the count it read before drawing.
-- A posted panel with more requested than done is redrawn by the timers' sweep and at the next
-- start, so a crash between the change and the redraw loses nothing, and a change made while a
-- redraw was being drawn leaves the panel due again. A redraw Discord refuses for good (4xx) is
-- recorded as done: the next change of a type tries again.
ALTER TABLE panels ADD COLUMN redraws_requested INTEGER NOT NULL DEFAULT 0;
ALTER TABLE panels ADD COLUMN redraws_done INTEGER NOT NULL DEFAULT 0;

CREATE INDEX panels_redraw_due ON panels (id) WHERE redraws_requested > redraws_done;
