-- Reserved for 0021_insights (filled by its feature).
SELECT 1;
