-- placeholder: reserved
SELECT 1;
