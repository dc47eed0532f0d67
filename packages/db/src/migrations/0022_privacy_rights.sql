-- Reserved for 0022_privacy_rights (filled by its feature).
SELECT 1;
