-- Reserved for 0024_articles (filled by its feature).
SELECT 1;
