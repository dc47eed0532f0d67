-- Placeholder: reserved for this feature's hand-written SQL (replace this statement).
SELECT 1;
