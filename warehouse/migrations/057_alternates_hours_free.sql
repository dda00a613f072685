-- The hours an alternate consultant still has free after the match set, for the joint meeting.
ALTER TABLE match_alternates ADD COLUMN hours_free INTEGER;
