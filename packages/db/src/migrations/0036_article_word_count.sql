-- Hand-written (issue 13, found by bench/articles.bench.ts at full size): a list of articles showed
-- each one's reading time, from the number of words of its body, computed in the select list. The
-- planner evaluates a cheap-looking expression before the top-N sort, so every list, search or page
-- split the body of every matching article (10 000 bodies: about a second per request) to show 20.
-- The same count in a function the planner can neither inline (PL/pgSQL) nor think cheap (COST):
-- with a LIMIT it is evaluated after the sort, for the rows shown only.
CREATE OR REPLACE FUNCTION article_word_count(body text) RETURNS integer
  LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE COST 10000 AS $$
BEGIN
  RETURN coalesce(array_length(regexp_split_to_array(btrim(body), '\s+'), 1), 0);
END $$;--> statement-breakpoint
GRANT EXECUTE ON FUNCTION article_word_count(text) TO huntzen_app;
