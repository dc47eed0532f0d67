-- Reserved for 0023_newcomer_journeys (filled by its feature).
SELECT 1;
