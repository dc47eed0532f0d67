-- Reserved for 0026_admin_analytics (filled by its feature).
SELECT 1;
