-- Hand-written: company news (modules/news). 0001 gave `news` a permissive read policy for the whole
-- tenant and a write policy for its HR; this migration adds what those cannot say: department
-- targeting on reads, who a new row is by, which columns an edit may change, and the view counter.

-- ---------------------------------------------------------------- department targeting
-- A news item with no target department is for everyone of its company; otherwise for the employees
-- whose department is one of them. Compared trimmed and case-insensitively, as HR types them.
CREATE OR REPLACE FUNCTION news_targets_department(targets text[], department text) RETURNS boolean
  LANGUAGE sql IMMUTABLE AS $$
  SELECT coalesce(cardinality(targets), 0) = 0
      OR (department IS NOT NULL AND EXISTS (
            SELECT 1 FROM unnest(targets) d WHERE lower(btrim(d)) = lower(btrim(department))))
$$;--> statement-breakpoint

-- The signed-in employee's department. SECURITY DEFINER: a policy of `news` reading `employees`
-- through that table's own policies would tie the two together; this reads one row, the actor's.
CREATE OR REPLACE FUNCTION app_employee_department() RETURNS text
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT e.department FROM employees e WHERE e.id = app_employee()
$$;--> statement-breakpoint
REVOKE ALL ON FUNCTION app_employee_department() FROM PUBLIC;--> statement-breakpoint
GRANT EXECUTE ON FUNCTION app_employee_department() TO huntzen_app;--> statement-breakpoint

-- Restrictive: ANDed with 0001's news_read/news_write. Inside its company, HR reads every item, an
-- employee only those targeted at them; no other tenant role (a practitioner) reads any. The
-- platform keeps its operational read (the API serves it nothing).
CREATE POLICY news_audience ON news AS RESTRICTIVE FOR SELECT
  USING ((SELECT app_is_system()) OR (SELECT app_is_platform_admin())
         OR (company_id = (SELECT app_tenant()) AND (
               (SELECT app_role()) = 'ADMIN_RH'
               OR ((SELECT app_role()) = 'EMPLOYEE'
                   AND news_targets_department(target_departments, (SELECT app_employee_department()))))));--> statement-breakpoint

-- A new item is signed by the HR admin who writes it and starts unread.
CREATE POLICY news_insert_guard ON news AS RESTRICTIVE FOR INSERT
  WITH CHECK ((SELECT app_is_system())
    OR ((SELECT app_role()) = 'ADMIN_RH' AND company_id = (SELECT app_tenant())
        AND author_id = (SELECT app_user_id()) AND view_count = 0));--> statement-breakpoint

-- Column grants: an edit changes the text, the image and the targeting; never the company, the
-- author, the publication time or the counter (counted by the trigger below only).
REVOKE UPDATE ON news FROM huntzen_app;--> statement-breakpoint
GRANT UPDATE (title, content, image_url, target_departments, updated_at) ON news TO huntzen_app;--> statement-breakpoint

-- The API's limits, held by the database too.
ALTER TABLE news ADD CONSTRAINT news_title_length CHECK (char_length(title) BETWEEN 1 AND 200);--> statement-breakpoint
ALTER TABLE news ADD CONSTRAINT news_content_length CHECK (char_length(content) BETWEEN 1 AND 20000);--> statement-breakpoint
ALTER TABLE news ADD CONSTRAINT news_targets_count CHECK (coalesce(cardinality(target_departments), 0) <= 50);--> statement-breakpoint
ALTER TABLE news ADD CONSTRAINT news_view_count_positive CHECK (view_count >= 0);--> statement-breakpoint

-- The list reads one company's items newest first (cursor on published_at, id).
CREATE INDEX IF NOT EXISTS news_company_published_idx ON news (company_id, published_at DESC, id DESC);--> statement-breakpoint

-- ---------------------------------------------------------------- views, once per employee
-- Extra table (not in the spec): `viewCount` counts each employee once, so who opened what is
-- kept, one row per (item, employee). It is the employee's own record: HR sees the count only.
-- Constraint names as Drizzle makes them (schema/news.ts), so the snapshot matches.
CREATE TABLE news_views (
  news_id uuid NOT NULL,
  employee_id uuid NOT NULL,
  viewed_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT news_views_news_id_employee_id_pk PRIMARY KEY (news_id, employee_id),
  CONSTRAINT news_views_news_id_news_id_fk FOREIGN KEY (news_id) REFERENCES news (id) ON DELETE CASCADE,
  CONSTRAINT news_views_employee_id_employees_id_fk FOREIGN KEY (employee_id) REFERENCES employees (id) ON DELETE CASCADE
);--> statement-breakpoint
CREATE INDEX news_views_employee_idx ON news_views (employee_id);--> statement-breakpoint
ALTER TABLE news_views ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE news_views FORCE ROW LEVEL SECURITY;--> statement-breakpoint
-- An employee records and reads their own views, of items they can read (the EXISTS runs under
-- the policies of `news`): an item of another department or company cannot be marked.
CREATE POLICY news_views_own ON news_views
  USING ((SELECT app_is_system()) OR employee_id = (SELECT app_employee()))
  WITH CHECK ((SELECT app_is_system())
    OR ((SELECT app_role()) = 'EMPLOYEE' AND employee_id = (SELECT app_employee())
        AND EXISTS (SELECT 1 FROM news n WHERE n.id = news_views.news_id)));--> statement-breakpoint
REVOKE ALL ON news_views FROM huntzen_app;--> statement-breakpoint
GRANT SELECT, INSERT ON news_views TO huntzen_app;--> statement-breakpoint

-- The counter follows the rows: one more per first view. SECURITY DEFINER because the employee has
-- no right to update `news`; the key-rotation flag of 0006 keeps updated_at (a view is no edit).
CREATE OR REPLACE FUNCTION count_news_view() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  previous text := current_setting('huntzen.key_rotation', true);
BEGIN
  PERFORM set_config('huntzen.key_rotation', 'on', true);
  UPDATE news SET view_count = view_count + 1 WHERE id = NEW.news_id;
  PERFORM set_config('huntzen.key_rotation', coalesce(previous, ''), true);
  RETURN NULL;
END $$;--> statement-breakpoint
REVOKE ALL ON FUNCTION count_news_view() FROM PUBLIC;--> statement-breakpoint
CREATE TRIGGER news_views_count AFTER INSERT ON news_views
  FOR EACH ROW EXECUTE FUNCTION count_news_view();
