-- Reserved for 0025_news (filled by its feature).
SELECT 1;
