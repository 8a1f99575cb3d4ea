BEGIN TRANSACTION
-- Baseline1732870000001
CREATE TABLE "server_state" ("id" integer PRIMARY KEY NOT NULL, "latest_seq" integer NOT NULL, "epoch" text NOT NULL, "created_at" text NOT NULL)
INSERT INTO server_state (id, latest_seq, epoch, created_at) VALUES (1, 0, ?, ?)
CREATE TABLE "entries" ("id" text NOT NULL, "locale" text NOT NULL, "kind" text NOT NULL, "title" text NOT NULL, "body" text NOT NULL, "tags" text NOT NULL, "url_or_path" text, "version" integer NOT NULL, "updated_at" text NOT NULL, "approved_by" text, "approved_at" text, "review_state" text NOT NULL, "retired_at" text, "last_seq" integer NOT NULL, PRIMARY KEY ("id", "locale"))
CREATE TABLE "change_log" ("seq" integer PRIMARY KEY NOT NULL, "op" text NOT NULL, "id" text NOT NULL, "locale" text NOT NULL, "version" integer NOT NULL, "entry" text, "at" text NOT NULL, "actor" text NOT NULL)
CREATE TABLE "tokens" ("name" text PRIMARY KEY NOT NULL, "token_hash" text NOT NULL, "role" text NOT NULL, "created_at" text NOT NULL, CONSTRAINT "UQ_989478f994a58e1a3b8b9b35a09" UNIQUE ("token_hash"))
-- ChangeItems1732870000002
CREATE TABLE "change_log_v2" ("seq" integer PRIMARY KEY NOT NULL, "op" text NOT NULL, "id" text NOT NULL, "locale" text NOT NULL, "version" integer NOT NULL, "at" text NOT NULL, "actor" text NOT NULL, "item" text NOT NULL)
SELECT seq, op, id, locale, version, entry, at, actor FROM change_log WHERE seq > 0 ORDER BY seq LIMIT 1000
DROP TABLE "change_log"
ALTER TABLE "change_log_v2" RENAME TO "change_log"
CREATE TABLE "temporary_change_log" ("seq" integer PRIMARY KEY NOT NULL, "op" text NOT NULL, "id" text NOT NULL, "locale" text NOT NULL, "version" integer NOT NULL, "at" text NOT NULL, "actor" text NOT NULL, "item" text NOT NULL)
INSERT INTO "temporary_change_log"("seq", "op", "id", "locale", "version", "at", "actor", "item") SELECT "seq", "op", "id", "locale", "version", "at", "actor", "item" FROM "change_log"
DROP TABLE "change_log"
ALTER TABLE "temporary_change_log" RENAME TO "change_log"
CREATE TABLE "server_state_v2" ("id" integer PRIMARY KEY NOT NULL, "latest_seq" integer NOT NULL, "epoch" text NOT NULL, "created_at" text NOT NULL, "db_identity" text)
INSERT INTO server_state_v2 (id, latest_seq, epoch, created_at) SELECT id, latest_seq, epoch, created_at FROM server_state
DROP TABLE "server_state"
ALTER TABLE "server_state_v2" RENAME TO "server_state"
CREATE TABLE "temporary_server_state" ("id" integer PRIMARY KEY NOT NULL, "latest_seq" integer NOT NULL, "epoch" text NOT NULL, "created_at" text NOT NULL, "db_identity" text)
INSERT INTO "temporary_server_state"("id", "latest_seq", "epoch", "created_at", "db_identity") SELECT "id", "latest_seq", "epoch", "created_at", "db_identity" FROM "server_state"
DROP TABLE "server_state"
ALTER TABLE "temporary_server_state" RENAME TO "server_state"
CREATE TABLE "tokens_v2" ("name" text PRIMARY KEY NOT NULL, "token_hash" text NOT NULL, "role" text NOT NULL, "created_at" text NOT NULL, CONSTRAINT "UQ_db4933d9efb1e063ce5c28825c2" UNIQUE ("token_hash"))
INSERT INTO tokens_v2 (name, token_hash, role, created_at) SELECT name, token_hash, role, created_at FROM tokens
DROP TABLE "tokens"
ALTER TABLE "tokens_v2" RENAME TO "tokens"
CREATE TABLE "temporary_tokens" ("name" text PRIMARY KEY NOT NULL, "token_hash" text NOT NULL, "role" text NOT NULL, "created_at" text NOT NULL, CONSTRAINT "UQ_989478f994a58e1a3b8b9b35a09" UNIQUE ("token_hash"))
INSERT INTO "temporary_tokens"("name", "token_hash", "role", "created_at") SELECT "name", "token_hash", "role", "created_at" FROM "tokens"
DROP TABLE "tokens"
ALTER TABLE "temporary_tokens" RENAME TO "tokens"
-- ReviewWorkflow1732870000003
CREATE TABLE "entry_versions" ("id" text NOT NULL, "locale" text NOT NULL, "version" integer NOT NULL, "kind" text NOT NULL, "title" text NOT NULL, "body" text NOT NULL, "tags" text NOT NULL, "url_or_path" text, "state" text NOT NULL, "author" text NOT NULL, "created_at" text NOT NULL, "based_on" integer, "rollback_of" integer, "approved_by" text, "approved_at" text, "bulk" integer NOT NULL, "review_comment" text, PRIMARY KEY ("id", "locale", "version"))
CREATE INDEX "entry_versions_state" ON "entry_versions" ("state")
CREATE TABLE "entry_events" ("event_id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "id" text NOT NULL, "locale" text NOT NULL, "version" integer NOT NULL, "event" text NOT NULL, "state" text NOT NULL, "actor" text NOT NULL, "at" text NOT NULL, "comment" text)
CREATE INDEX "entry_events_entry" ON "entry_events" ("id", "locale")
CREATE TABLE "entry_meta" ("id" text NOT NULL, "locale" text NOT NULL, "owner" text NOT NULL, "verification_interval_days" integer NOT NULL, "last_verified_at" text, "last_verified_by" text, "confirmed_source_version" integer, "created_at" text NOT NULL, "sent_due_at" text, "sent_stale" integer NOT NULL, "sent_source_locale" text, PRIMARY KEY ("id", "locale"))
CREATE TABLE "entry_sources" ("id" text PRIMARY KEY NOT NULL, "source_locale" text NOT NULL)
CREATE TABLE "flags" ("flag_id" text PRIMARY KEY NOT NULL, "client_id" text NOT NULL, "id" text NOT NULL, "locale" text NOT NULL, "version" integer NOT NULL, "reason" text NOT NULL, "comment" text NOT NULL, "raised_by" text NOT NULL, "raised_at" text NOT NULL, "resolved_by" text, "resolved_at" text, "resolution" text, "resolution_comment" text, CONSTRAINT "UQ_ae2bb368e68561ed0456943749e" UNIQUE ("client_id"))
CREATE INDEX "flags_open" ON "flags" ("resolved_at")
INSERT INTO entry_versions (id, locale, version, kind, title, body, tags, url_or_path, state, author, created_at,
         based_on, rollback_of, approved_by, approved_at, bulk, review_comment)
       SELECT id, locale, version, kind, title, body, tags, url_or_path,
         CASE WHEN retired_at IS NULL THEN 'approved' ELSE 'retired' END,
         COALESCE(approved_by, 'unknown'), updated_at, NULL, NULL, approved_by, approved_at, 1, NULL
       FROM entries
INSERT INTO entry_events (id, locale, version, event, state, actor, at, comment)
       SELECT id, locale, version, 'bulk_approved', CASE WHEN retired_at IS NULL THEN 'approved' ELSE 'retired' END,
         COALESCE(approved_by, 'unknown'), COALESCE(approved_at, updated_at), 'published before reviews existed'
       FROM entries
INSERT INTO entry_sources (id, source_locale) SELECT id, MIN(locale) FROM entries GROUP BY id
INSERT INTO entry_meta (id, locale, owner, verification_interval_days, last_verified_at, last_verified_by,
         confirmed_source_version, created_at, sent_due_at, sent_stale, sent_source_locale)
       SELECT e.id, e.locale, COALESCE(e.approved_by, 'unknown'), 90, NULL, NULL,
         (SELECT s.version FROM entries s JOIN entry_sources src ON src.id = s.id AND src.source_locale = s.locale WHERE s.id = e.id),
         e.updated_at, NULL, 0, NULL
       FROM entries e
-- Signing1732870000004
CREATE TABLE "approver_keys" ("name" text PRIMARY KEY NOT NULL, "public_key" text NOT NULL, "registered_by" text NOT NULL, "registered_at" text NOT NULL)
CREATE UNIQUE INDEX "approver_keys_public_key" ON "approver_keys" ("public_key")
CREATE TABLE "key_lists" ("version" integer PRIMARY KEY NOT NULL, "document" text NOT NULL, "uploaded_by" text NOT NULL, "uploaded_at" text NOT NULL)
CREATE TABLE "version_signatures" ("id" text NOT NULL, "locale" text NOT NULL, "version" integer NOT NULL, "key_id" text NOT NULL, "approved_at" text NOT NULL, "signature" text NOT NULL, "signer" text NOT NULL, PRIMARY KEY ("id", "locale", "version", "key_id"))
-- SynonymsAndSignals1732870000005
CREATE TABLE "synonym_rules" ("rule_id" text PRIMARY KEY NOT NULL, "locale" text NOT NULL, "terms" text NOT NULL, "one_way_to" text, "state" text NOT NULL, "author" text NOT NULL, "created_at" text NOT NULL, "decided_by" text, "decided_at" text, "comment" text, "seq" integer NOT NULL)
CREATE INDEX "synonym_rules_state" ON "synonym_rules" ("state")
CREATE TABLE "signal_batches" ("batch_id" text PRIMARY KEY NOT NULL, "agent" text NOT NULL, "received_at" text NOT NULL)
CREATE TABLE "signal_usage" ("day" text NOT NULL, "id" text NOT NULL, "locale" text NOT NULL, "found" integer NOT NULL, "opened" integer NOT NULL, "inserted" integer NOT NULL, "copied" integer NOT NULL, PRIMARY KEY ("day", "id", "locale"))
CREATE TABLE "signal_missed" ("day" text NOT NULL, "query_key" text NOT NULL, "locale" text NOT NULL, "query_text" text, "searches" integer NOT NULL, PRIMARY KEY ("day", "query_key"))
CREATE TABLE "signal_edits" ("day" text NOT NULL, "id" text NOT NULL, "locale" text NOT NULL, "edits" integer NOT NULL, "ratio_sum" real NOT NULL, PRIMARY KEY ("day", "id", "locale"))
-- TokenAudience1732870000006
CREATE TABLE "temporary_tokens" ("name" text PRIMARY KEY NOT NULL, "token_hash" text NOT NULL, "role" text NOT NULL, "created_at" text NOT NULL, "tags" text, CONSTRAINT "UQ_989478f994a58e1a3b8b9b35a09" UNIQUE ("token_hash"))
INSERT INTO "temporary_tokens"("name", "token_hash", "role", "created_at") SELECT "name", "token_hash", "role", "created_at" FROM "tokens"
DROP TABLE "tokens"
ALTER TABLE "temporary_tokens" RENAME TO "tokens"
-- SynonymSignatures1732870000007
DROP INDEX "synonym_rules_state"
CREATE TABLE "temporary_synonym_rules" ("rule_id" text PRIMARY KEY NOT NULL, "locale" text NOT NULL, "terms" text NOT NULL, "one_way_to" text, "state" text NOT NULL, "author" text NOT NULL, "created_at" text NOT NULL, "decided_by" text, "decided_at" text, "comment" text, "seq" integer NOT NULL, "signatures" text)
INSERT INTO "temporary_synonym_rules"("rule_id", "locale", "terms", "one_way_to", "state", "author", "created_at", "decided_by", "decided_at", "comment", "seq") SELECT "rule_id", "locale", "terms", "one_way_to", "state", "author", "created_at", "decided_by", "decided_at", "comment", "seq" FROM "synonym_rules"
DROP TABLE "synonym_rules"
ALTER TABLE "temporary_synonym_rules" RENAME TO "synonym_rules"
CREATE INDEX "synonym_rules_state" ON "synonym_rules" ("state")
DROP INDEX "synonym_rules_state"
CREATE TABLE "temporary_synonym_rules" ("rule_id" text PRIMARY KEY NOT NULL, "locale" text NOT NULL, "terms" text NOT NULL, "one_way_to" text, "state" text NOT NULL, "author" text NOT NULL, "created_at" text NOT NULL, "decided_by" text, "decided_at" text, "comment" text, "seq" integer NOT NULL, "signatures" text, "replaces" text)
INSERT INTO "temporary_synonym_rules"("rule_id", "locale", "terms", "one_way_to", "state", "author", "created_at", "decided_by", "decided_at", "comment", "seq", "signatures") SELECT "rule_id", "locale", "terms", "one_way_to", "state", "author", "created_at", "decided_by", "decided_at", "comment", "seq", "signatures" FROM "synonym_rules"
DROP TABLE "synonym_rules"
ALTER TABLE "temporary_synonym_rules" RENAME TO "synonym_rules"
CREATE INDEX "synonym_rules_state" ON "synonym_rules" ("state")
-- DraftRevision1732870000008
DROP INDEX "entry_versions_state"
CREATE TABLE "temporary_entry_versions" ("id" text NOT NULL, "locale" text NOT NULL, "version" integer NOT NULL, "kind" text NOT NULL, "title" text NOT NULL, "body" text NOT NULL, "tags" text NOT NULL, "url_or_path" text, "state" text NOT NULL, "author" text NOT NULL, "created_at" text NOT NULL, "based_on" integer, "rollback_of" integer, "approved_by" text, "approved_at" text, "bulk" integer NOT NULL, "review_comment" text, "revision" integer NOT NULL DEFAULT (0), PRIMARY KEY ("id", "locale", "version"))
INSERT INTO "temporary_entry_versions"("id", "locale", "version", "kind", "title", "body", "tags", "url_or_path", "state", "author", "created_at", "based_on", "rollback_of", "approved_by", "approved_at", "bulk", "review_comment") SELECT "id", "locale", "version", "kind", "title", "body", "tags", "url_or_path", "state", "author", "created_at", "based_on", "rollback_of", "approved_by", "approved_at", "bulk", "review_comment" FROM "entry_versions"
DROP TABLE "entry_versions"
ALTER TABLE "temporary_entry_versions" RENAME TO "entry_versions"
CREATE INDEX "entry_versions_state" ON "entry_versions" ("state")
ROLLBACK
