-- Reserved for 0029_operations (filled by its feature).
SELECT 1;
