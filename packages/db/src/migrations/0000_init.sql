CREATE TYPE "public"."article_category" AS ENUM('MENTAL_HEALTH', 'STRESS_MANAGEMENT', 'WORK_LIFE_BALANCE', 'PRODUCTIVITY', 'RELATIONSHIPS', 'WELLBEING', 'MINDFULNESS', 'BURNOUT', 'ANXIETY', 'DEPRESSION');--> statement-breakpoint
CREATE TYPE "public"."article_status" AS ENUM('DRAFT', 'PUBLISHED', 'ARCHIVED', 'SCHEDULED');--> statement-breakpoint
CREATE TYPE "public"."audit_action" AS ENUM('CREATE', 'READ', 'UPDATE', 'DELETE', 'LOGIN', 'LOGOUT', 'EXPORT', 'IMPORT', 'VALIDATE', 'CANCEL', 'ACTIVATE', 'DEACTIVATE', 'UPLOAD', 'DOWNLOAD');--> statement-breakpoint
CREATE TYPE "public"."availability_type" AS ENUM('RECURRING', 'EXCEPTION');--> statement-breakpoint
CREATE TYPE "public"."billing_status" AS ENUM('PENDING', 'VALIDATED', 'BILLED', 'DISPUTED');--> statement-breakpoint
CREATE TYPE "public"."company_size" AS ENUM('SMALL', 'MEDIUM', 'LARGE', 'ENTERPRISE');--> statement-breakpoint
CREATE TYPE "public"."consultation_event_type" AS ENUM('CREATED', 'SCHEDULED', 'CONFIRMED', 'CANCELLED', 'ROOM_JOINED', 'ROOM_LEFT', 'STARTED', 'ENDED', 'NO_SHOW', 'REMINDER_SENT');--> statement-breakpoint
CREATE TYPE "public"."consultation_format" AS ENUM('VIDEO', 'AUDIO', 'IN_PERSON');--> statement-breakpoint
CREATE TYPE "public"."consultation_status" AS ENUM('SCHEDULED', 'CONFIRMED', 'IN_PROGRESS', 'COMPLETED', 'CANCELLED', 'NO_SHOW');--> statement-breakpoint
CREATE TYPE "public"."email_priority" AS ENUM('LOW', 'NORMAL', 'HIGH', 'URGENT');--> statement-breakpoint
CREATE TYPE "public"."email_status" AS ENUM('PENDING', 'SENT', 'FAILED', 'CANCELLED');--> statement-breakpoint
CREATE TYPE "public"."file_type" AS ENUM('AVATAR', 'COVER', 'DOCUMENT', 'IMAGE', 'VIDEO', 'AUDIO', 'ATTACHMENT', 'CERTIFICATE', 'DIPLOMA');--> statement-breakpoint
CREATE TYPE "public"."message_type" AS ENUM('TEXT', 'IMAGE', 'FILE', 'AUDIO', 'VIDEO');--> statement-breakpoint
CREATE TYPE "public"."mood" AS ENUM('VERY_BAD', 'BAD', 'NEUTRAL', 'GOOD', 'VERY_GOOD');--> statement-breakpoint
CREATE TYPE "public"."note_type" AS ENUM('SESSION_NOTE', 'INITIAL_ASSESSMENT', 'FOLLOW_UP', 'PRESCRIPTION', 'REFERRAL');--> statement-breakpoint
CREATE TYPE "public"."notification_type" AS ENUM('CONSULTATION_CONFIRMED', 'CONSULTATION_CANCELLED', 'CONSULTATION_REMINDER_24H', 'CONSULTATION_REMINDER_1H', 'MESSAGE_RECEIVED', 'NEWS_PUBLISHED', 'SYSTEM', 'ACCOUNT_ACTIVATED', 'PRACTITIONER_VALIDATED', 'COMPANY_VALIDATED');--> statement-breakpoint
CREATE TYPE "public"."role" AS ENUM('SUPER_ADMIN', 'ADMIN_HUNTZEN', 'ADMIN_RH', 'PRACTITIONER', 'EMPLOYEE');--> statement-breakpoint
CREATE TYPE "public"."specialty" AS ENUM('PSYCHOLOGUE_CLINICIEN', 'PSYCHOLOGUE_TRAVAIL', 'PSYCHIATRE', 'PSYCHOTHERAPEUTE', 'NEUROPSYCHOLOGUE', 'COACH_MENTAL', 'SEXOLOGUE', 'PSYCHANALYSTE');--> statement-breakpoint
CREATE TABLE "articles" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"title" text NOT NULL,
	"slug" text NOT NULL,
	"excerpt" text NOT NULL,
	"content" text NOT NULL,
	"cover_url" text,
	"meta_title" text,
	"meta_description" text,
	"keywords" text[] DEFAULT '{}'::text[] NOT NULL,
	"category" "article_category" NOT NULL,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"status" "article_status" DEFAULT 'DRAFT' NOT NULL,
	"published_at" timestamp with time zone,
	"scheduled_for" timestamp with time zone,
	"author_id" uuid NOT NULL,
	"author_role" "role" NOT NULL,
	"author_name" text NOT NULL,
	"view_count" integer DEFAULT 0 NOT NULL,
	"share_count" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "articles_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
CREATE TABLE "audit_logs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"user_role" "role" NOT NULL,
	"user_email" text NOT NULL,
	"action" "audit_action" NOT NULL,
	"resource" text NOT NULL,
	"resource_id" text,
	"company_id" uuid,
	"ip_address" text,
	"user_agent" text,
	"details" jsonb,
	"changes_before" jsonb,
	"changes_after" jsonb,
	"is_sensitive" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "clinical_notes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"consultation_id" uuid NOT NULL,
	"practitioner_id" uuid NOT NULL,
	"encrypted_content" text NOT NULL,
	"iv" text NOT NULL,
	"auth_tag" text,
	"note_type" "note_type" DEFAULT 'SESSION_NOTE' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "journal_entries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"employee_id" uuid NOT NULL,
	"encrypted_content" text NOT NULL,
	"iv" text NOT NULL,
	"auth_tag" text,
	"mood" "mood",
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"sentiment_score" double precision,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "companies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"slug" text NOT NULL,
	"legal_name" text,
	"siret" text,
	"email_domains" text[] DEFAULT '{}'::text[] NOT NULL,
	"sector" text,
	"size" "company_size",
	"address" text,
	"postal_code" text,
	"city" text,
	"country" text DEFAULT 'France' NOT NULL,
	"logo_url" text,
	"cover_url" text,
	"primary_color" text DEFAULT '#4A90E2',
	"secondary_color" text DEFAULT '#5BC0DE',
	"contact_email" text,
	"contact_phone" text,
	"website_url" text,
	"auto_approve_employees" boolean DEFAULT false NOT NULL,
	"require_email_verification" boolean DEFAULT true NOT NULL,
	"allow_internal_news" boolean DEFAULT true NOT NULL,
	"max_employees" integer,
	"is_active" boolean DEFAULT false NOT NULL,
	"validated_at" timestamp with time zone,
	"validated_by" uuid,
	"billing_email" text,
	"billing_address" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "companies_slug_unique" UNIQUE("slug"),
	CONSTRAINT "companies_siret_unique" UNIQUE("siret")
);
--> statement-breakpoint
CREATE TABLE "consultation_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"consultation_id" uuid NOT NULL,
	"event_type" "consultation_event_type" NOT NULL,
	"actor_id" uuid NOT NULL,
	"actor_role" "role" NOT NULL,
	"timestamp" timestamp with time zone DEFAULT now() NOT NULL,
	"metadata" jsonb,
	"ip_address" text,
	"user_agent" text
);
--> statement-breakpoint
CREATE TABLE "consultations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"company_id" uuid NOT NULL,
	"employee_id" uuid NOT NULL,
	"practitioner_id" uuid NOT NULL,
	"scheduled_at" timestamp with time zone NOT NULL,
	"scheduled_end_at" timestamp with time zone NOT NULL,
	"duration" integer DEFAULT 50 NOT NULL,
	"format" "consultation_format" NOT NULL,
	"status" "consultation_status" DEFAULT 'SCHEDULED' NOT NULL,
	"started_at" timestamp with time zone,
	"ended_at" timestamp with time zone,
	"actual_duration" integer,
	"cancelled_at" timestamp with time zone,
	"cancelled_by" uuid,
	"cancel_reason" text,
	"cancelled_within24h" boolean,
	"no_show_at" timestamp with time zone,
	"no_show_by" text,
	"room_name" text,
	"room_password" text,
	"jitsi_jwt" text,
	"notes" text,
	"is_billable" boolean DEFAULT true NOT NULL,
	"billing_status" "billing_status" DEFAULT 'PENDING' NOT NULL,
	"billed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "consultations_room_name_unique" UNIQUE("room_name")
);
--> statement-breakpoint
CREATE TABLE "email_queue" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"to" text NOT NULL,
	"cc" text[] DEFAULT '{}'::text[] NOT NULL,
	"bcc" text[] DEFAULT '{}'::text[] NOT NULL,
	"subject" text NOT NULL,
	"html_body" text NOT NULL,
	"text_body" text,
	"template_name" text,
	"template_data" jsonb,
	"status" "email_status" DEFAULT 'PENDING' NOT NULL,
	"sent_at" timestamp with time zone,
	"failed_at" timestamp with time zone,
	"error_message" text,
	"retry_count" integer DEFAULT 0 NOT NULL,
	"max_retries" integer DEFAULT 3 NOT NULL,
	"priority" "email_priority" DEFAULT 'NORMAL' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"scheduled_for" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "employees" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"company_id" uuid NOT NULL,
	"first_name" text NOT NULL,
	"last_name" text NOT NULL,
	"department" text,
	"position" text,
	"phone_number" text,
	"bio" text,
	"location" text,
	"birth_date" timestamp with time zone,
	"avatar_url" text,
	"cover_url" text,
	"onboarding_completed_at" timestamp with time zone,
	"consent_given_at" timestamp with time zone,
	"consent_version" text,
	"preferred_language" text DEFAULT 'fr' NOT NULL,
	"timezone" text DEFAULT 'Europe/Paris' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "employees_user_id_unique" UNIQUE("user_id")
);
--> statement-breakpoint
CREATE TABLE "files" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"uploaded_by" uuid NOT NULL,
	"user_role" "role" NOT NULL,
	"company_id" uuid,
	"filename" text NOT NULL,
	"original_name" text NOT NULL,
	"mime_type" text NOT NULL,
	"size" integer NOT NULL,
	"path" text NOT NULL,
	"is_encrypted" boolean DEFAULT false NOT NULL,
	"encryption_key" text,
	"file_type" "file_type" NOT NULL,
	"related_resource" text,
	"related_id" text,
	"is_public" boolean DEFAULT false NOT NULL,
	"allowed_roles" "role"[] DEFAULT '{}'::role[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"consultation_id" uuid NOT NULL,
	"sender_id" uuid NOT NULL,
	"sender_role" "role" NOT NULL,
	"encrypted_content" text NOT NULL,
	"iv" text NOT NULL,
	"auth_tag" text,
	"message_type" "message_type" DEFAULT 'TEXT' NOT NULL,
	"is_read" boolean DEFAULT false NOT NULL,
	"read_at" timestamp with time zone,
	"attachment_url" text,
	"attachment_name" text,
	"attachment_type" text,
	"attachment_size" integer,
	"is_edited" boolean DEFAULT false NOT NULL,
	"edited_at" timestamp with time zone,
	"is_deleted" boolean DEFAULT false NOT NULL,
	"deleted_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "news" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"company_id" uuid NOT NULL,
	"title" text NOT NULL,
	"content" text NOT NULL,
	"image_url" text,
	"published_at" timestamp with time zone DEFAULT now() NOT NULL,
	"author_id" uuid NOT NULL,
	"author_name" text NOT NULL,
	"target_departments" text[] DEFAULT '{}'::text[] NOT NULL,
	"view_count" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"type" "notification_type" NOT NULL,
	"title" text NOT NULL,
	"message" text NOT NULL,
	"link_url" text,
	"link_label" text,
	"metadata" jsonb,
	"is_read" boolean DEFAULT false NOT NULL,
	"read_at" timestamp with time zone,
	"email_sent" boolean DEFAULT false NOT NULL,
	"email_sent_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "availabilities" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"practitioner_id" uuid NOT NULL,
	"type" "availability_type" DEFAULT 'RECURRING' NOT NULL,
	"day_of_week" integer,
	"start_time" text,
	"end_time" text,
	"date" timestamp with time zone,
	"is_available" boolean DEFAULT true NOT NULL,
	"slot_duration" integer DEFAULT 50 NOT NULL,
	"is_active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "practitioner_reviews" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"practitioner_id" uuid NOT NULL,
	"employee_id" uuid NOT NULL,
	"consultation_id" uuid NOT NULL,
	"rating" integer NOT NULL,
	"comment" text,
	"is_published" boolean DEFAULT false NOT NULL,
	"moderated_at" timestamp with time zone,
	"moderated_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "practitioner_reviews_consultation_id_unique" UNIQUE("consultation_id")
);
--> statement-breakpoint
CREATE TABLE "practitioners" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"first_name" text NOT NULL,
	"last_name" text NOT NULL,
	"title" text NOT NULL,
	"professional_id" text,
	"specialty" "specialty" NOT NULL,
	"sub_specialties" text[] DEFAULT '{}'::text[] NOT NULL,
	"languages" text[] DEFAULT '{}'::text[] NOT NULL,
	"bio" text NOT NULL,
	"experience" integer,
	"education" text,
	"diplomas" text[] DEFAULT '{}'::text[] NOT NULL,
	"certifications" text[] DEFAULT '{}'::text[] NOT NULL,
	"avatar_url" text,
	"cover_url" text,
	"video_url" text,
	"offers_video" boolean DEFAULT true NOT NULL,
	"offers_phone" boolean DEFAULT true NOT NULL,
	"offers_in_person" boolean DEFAULT false NOT NULL,
	"in_person_address" text,
	"is_validated" boolean DEFAULT false NOT NULL,
	"validated_at" timestamp with time zone,
	"validated_by" uuid,
	"documents_verified" boolean DEFAULT false NOT NULL,
	"document_urls" text[] DEFAULT '{}'::text[] NOT NULL,
	"default_duration" integer DEFAULT 50 NOT NULL,
	"buffer_time" integer DEFAULT 10 NOT NULL,
	"timezone" text DEFAULT 'Europe/Paris' NOT NULL,
	"total_consultations" integer DEFAULT 0 NOT NULL,
	"average_rating" double precision,
	"review_count" integer DEFAULT 0 NOT NULL,
	"is_active" boolean DEFAULT true NOT NULL,
	"is_accepting_new_clients" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "practitioners_user_id_unique" UNIQUE("user_id"),
	CONSTRAINT "practitioners_professional_id_unique" UNIQUE("professional_id")
);
--> statement-breakpoint
CREATE TABLE "refresh_tokens" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"token" text NOT NULL,
	"user_id" uuid NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "refresh_tokens_token_unique" UNIQUE("token")
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"email" text NOT NULL,
	"password_hash" text NOT NULL,
	"role" "role" DEFAULT 'EMPLOYEE' NOT NULL,
	"is_active" boolean DEFAULT true NOT NULL,
	"email_verified" boolean DEFAULT false NOT NULL,
	"email_verified_at" timestamp with time zone,
	"two_factor_enabled" boolean DEFAULT false NOT NULL,
	"two_factor_secret" text,
	"company_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_login_at" timestamp with time zone,
	CONSTRAINT "users_email_unique" UNIQUE("email")
);
--> statement-breakpoint
ALTER TABLE "clinical_notes" ADD CONSTRAINT "clinical_notes_consultation_id_consultations_id_fk" FOREIGN KEY ("consultation_id") REFERENCES "public"."consultations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clinical_notes" ADD CONSTRAINT "clinical_notes_practitioner_id_practitioners_id_fk" FOREIGN KEY ("practitioner_id") REFERENCES "public"."practitioners"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "journal_entries" ADD CONSTRAINT "journal_entries_employee_id_employees_id_fk" FOREIGN KEY ("employee_id") REFERENCES "public"."employees"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_events" ADD CONSTRAINT "consultation_events_consultation_id_consultations_id_fk" FOREIGN KEY ("consultation_id") REFERENCES "public"."consultations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultations" ADD CONSTRAINT "consultations_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultations" ADD CONSTRAINT "consultations_employee_id_employees_id_fk" FOREIGN KEY ("employee_id") REFERENCES "public"."employees"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultations" ADD CONSTRAINT "consultations_practitioner_id_practitioners_id_fk" FOREIGN KEY ("practitioner_id") REFERENCES "public"."practitioners"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "employees" ADD CONSTRAINT "employees_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "employees" ADD CONSTRAINT "employees_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "messages" ADD CONSTRAINT "messages_consultation_id_consultations_id_fk" FOREIGN KEY ("consultation_id") REFERENCES "public"."consultations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "news" ADD CONSTRAINT "news_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "availabilities" ADD CONSTRAINT "availabilities_practitioner_id_practitioners_id_fk" FOREIGN KEY ("practitioner_id") REFERENCES "public"."practitioners"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "practitioner_reviews" ADD CONSTRAINT "practitioner_reviews_practitioner_id_practitioners_id_fk" FOREIGN KEY ("practitioner_id") REFERENCES "public"."practitioners"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "practitioners" ADD CONSTRAINT "practitioners_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "refresh_tokens" ADD CONSTRAINT "refresh_tokens_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "articles_slug_idx" ON "articles" USING btree ("slug");--> statement-breakpoint
CREATE INDEX "articles_status_idx" ON "articles" USING btree ("status");--> statement-breakpoint
CREATE INDEX "articles_published_at_idx" ON "articles" USING btree ("published_at");--> statement-breakpoint
CREATE INDEX "articles_category_idx" ON "articles" USING btree ("category");--> statement-breakpoint
CREATE INDEX "articles_author_id_idx" ON "articles" USING btree ("author_id");--> statement-breakpoint
CREATE INDEX "audit_logs_user_id_idx" ON "audit_logs" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "audit_logs_action_idx" ON "audit_logs" USING btree ("action");--> statement-breakpoint
CREATE INDEX "audit_logs_resource_idx" ON "audit_logs" USING btree ("resource");--> statement-breakpoint
CREATE INDEX "audit_logs_resource_id_idx" ON "audit_logs" USING btree ("resource_id");--> statement-breakpoint
CREATE INDEX "audit_logs_company_id_idx" ON "audit_logs" USING btree ("company_id");--> statement-breakpoint
CREATE INDEX "audit_logs_created_at_idx" ON "audit_logs" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "audit_logs_is_sensitive_idx" ON "audit_logs" USING btree ("is_sensitive");--> statement-breakpoint
CREATE INDEX "clinical_notes_consultation_id_idx" ON "clinical_notes" USING btree ("consultation_id");--> statement-breakpoint
CREATE INDEX "clinical_notes_practitioner_id_idx" ON "clinical_notes" USING btree ("practitioner_id");--> statement-breakpoint
CREATE INDEX "clinical_notes_note_type_idx" ON "clinical_notes" USING btree ("note_type");--> statement-breakpoint
CREATE INDEX "journal_entries_employee_id_idx" ON "journal_entries" USING btree ("employee_id");--> statement-breakpoint
CREATE INDEX "journal_entries_created_at_idx" ON "journal_entries" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "journal_entries_mood_idx" ON "journal_entries" USING btree ("mood");--> statement-breakpoint
CREATE INDEX "companies_slug_idx" ON "companies" USING btree ("slug");--> statement-breakpoint
CREATE INDEX "companies_is_active_idx" ON "companies" USING btree ("is_active");--> statement-breakpoint
CREATE INDEX "companies_validated_at_idx" ON "companies" USING btree ("validated_at");--> statement-breakpoint
CREATE INDEX "consultation_events_consultation_id_idx" ON "consultation_events" USING btree ("consultation_id");--> statement-breakpoint
CREATE INDEX "consultation_events_event_type_idx" ON "consultation_events" USING btree ("event_type");--> statement-breakpoint
CREATE INDEX "consultation_events_timestamp_idx" ON "consultation_events" USING btree ("timestamp");--> statement-breakpoint
CREATE INDEX "consultation_events_actor_id_idx" ON "consultation_events" USING btree ("actor_id");--> statement-breakpoint
CREATE INDEX "consultations_company_id_idx" ON "consultations" USING btree ("company_id");--> statement-breakpoint
CREATE INDEX "consultations_employee_id_idx" ON "consultations" USING btree ("employee_id");--> statement-breakpoint
CREATE INDEX "consultations_practitioner_id_idx" ON "consultations" USING btree ("practitioner_id");--> statement-breakpoint
CREATE INDEX "consultations_scheduled_at_idx" ON "consultations" USING btree ("scheduled_at");--> statement-breakpoint
CREATE INDEX "consultations_status_idx" ON "consultations" USING btree ("status");--> statement-breakpoint
CREATE INDEX "consultations_billing_status_idx" ON "consultations" USING btree ("billing_status");--> statement-breakpoint
CREATE INDEX "consultations_started_at_idx" ON "consultations" USING btree ("started_at");--> statement-breakpoint
CREATE INDEX "consultations_ended_at_idx" ON "consultations" USING btree ("ended_at");--> statement-breakpoint
CREATE INDEX "email_queue_status_idx" ON "email_queue" USING btree ("status");--> statement-breakpoint
CREATE INDEX "email_queue_scheduled_for_idx" ON "email_queue" USING btree ("scheduled_for");--> statement-breakpoint
CREATE INDEX "email_queue_priority_idx" ON "email_queue" USING btree ("priority");--> statement-breakpoint
CREATE INDEX "employees_company_id_idx" ON "employees" USING btree ("company_id");--> statement-breakpoint
CREATE INDEX "employees_user_id_idx" ON "employees" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "employees_department_idx" ON "employees" USING btree ("department");--> statement-breakpoint
CREATE INDEX "files_uploaded_by_idx" ON "files" USING btree ("uploaded_by");--> statement-breakpoint
CREATE INDEX "files_company_id_idx" ON "files" USING btree ("company_id");--> statement-breakpoint
CREATE INDEX "files_file_type_idx" ON "files" USING btree ("file_type");--> statement-breakpoint
CREATE INDEX "files_related_resource_related_id_idx" ON "files" USING btree ("related_resource","related_id");--> statement-breakpoint
CREATE INDEX "messages_consultation_id_idx" ON "messages" USING btree ("consultation_id");--> statement-breakpoint
CREATE INDEX "messages_sender_id_idx" ON "messages" USING btree ("sender_id");--> statement-breakpoint
CREATE INDEX "messages_created_at_idx" ON "messages" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "messages_is_read_idx" ON "messages" USING btree ("is_read");--> statement-breakpoint
CREATE INDEX "news_company_id_idx" ON "news" USING btree ("company_id");--> statement-breakpoint
CREATE INDEX "news_published_at_idx" ON "news" USING btree ("published_at");--> statement-breakpoint
CREATE INDEX "notifications_user_id_idx" ON "notifications" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "notifications_is_read_idx" ON "notifications" USING btree ("is_read");--> statement-breakpoint
CREATE INDEX "notifications_created_at_idx" ON "notifications" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "notifications_type_idx" ON "notifications" USING btree ("type");--> statement-breakpoint
CREATE INDEX "availabilities_practitioner_id_idx" ON "availabilities" USING btree ("practitioner_id");--> statement-breakpoint
CREATE INDEX "availabilities_day_of_week_idx" ON "availabilities" USING btree ("day_of_week");--> statement-breakpoint
CREATE INDEX "availabilities_date_idx" ON "availabilities" USING btree ("date");--> statement-breakpoint
CREATE INDEX "availabilities_type_idx" ON "availabilities" USING btree ("type");--> statement-breakpoint
CREATE INDEX "practitioner_reviews_practitioner_id_idx" ON "practitioner_reviews" USING btree ("practitioner_id");--> statement-breakpoint
CREATE INDEX "practitioner_reviews_rating_idx" ON "practitioner_reviews" USING btree ("rating");--> statement-breakpoint
CREATE INDEX "practitioner_reviews_is_published_idx" ON "practitioner_reviews" USING btree ("is_published");--> statement-breakpoint
CREATE INDEX "practitioners_specialty_idx" ON "practitioners" USING btree ("specialty");--> statement-breakpoint
CREATE INDEX "practitioners_is_validated_idx" ON "practitioners" USING btree ("is_validated");--> statement-breakpoint
CREATE INDEX "practitioners_is_active_idx" ON "practitioners" USING btree ("is_active");--> statement-breakpoint
CREATE INDEX "practitioners_is_accepting_new_clients_idx" ON "practitioners" USING btree ("is_accepting_new_clients");--> statement-breakpoint
CREATE INDEX "refresh_tokens_token_idx" ON "refresh_tokens" USING btree ("token");--> statement-breakpoint
CREATE INDEX "refresh_tokens_user_id_idx" ON "refresh_tokens" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "refresh_tokens_expires_at_idx" ON "refresh_tokens" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "users_email_idx" ON "users" USING btree ("email");--> statement-breakpoint
CREATE INDEX "users_company_id_idx" ON "users" USING btree ("company_id");--> statement-breakpoint
CREATE INDEX "users_role_idx" ON "users" USING btree ("role");--> statement-breakpoint
CREATE INDEX "users_is_active_idx" ON "users" USING btree ("is_active");