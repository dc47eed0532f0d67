-- Reserved for the "people" feature (onboarding, consent, HR's employee list), which in the end
-- needed no SQL of its own: its columns and rules landed in 0008_organizations.sql. The file stays,
-- as a statement that does nothing, because databases already migrated have recorded it: removing
-- it would renumber the journal. New features take the next free number instead of reusing it.
SELECT 1;
