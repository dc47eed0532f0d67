-- Reserved for 0028_care_extras (filled by its feature).
SELECT 1;
