-- Hand-written (issues 15/16, hardening): the application role changes only the sending state of a
-- queued e-mail (the sender's lease, SENT/FAILED, retries, the last error; an admin's retry), never
-- whom it goes to nor what it says. Until now any UPDATE the email_worker policy let through
-- (SYSTEM, HuntZen admins) could rewrite "to", the subject, the bodies or the attachments of a
-- PENDING e-mail, turning SQL run as that role into a phishing relay. Erasure scrubs e-mails through
-- its SECURITY DEFINER function (0022), as the owner.
REVOKE UPDATE ON email_queue FROM huntzen_app;--> statement-breakpoint
GRANT UPDATE (status, sent_at, failed_at, error_message, retry_count, next_attempt_at) ON email_queue TO huntzen_app;
