START TRANSACTION
-- Baseline1732870000001
CREATE TABLE "server_state" ("id" integer NOT NULL, "latest_seq" bigint NOT NULL, "epoch" text NOT NULL, "created_at" text NOT NULL, CONSTRAINT "PK_4e934de569b3e61687148cfb751" PRIMARY KEY ("id"))
INSERT INTO server_state (id, latest_seq, epoch, created_at) VALUES (1, 0, $1, $2)
CREATE TABLE "entries" ("id" text NOT NULL, "locale" text NOT NULL, "kind" text NOT NULL, "title" text NOT NULL, "body" text NOT NULL, "tags" text NOT NULL, "url_or_path" text, "version" integer NOT NULL, "updated_at" text NOT NULL, "approved_by" text, "approved_at" text, "review_state" text NOT NULL, "retired_at" text, "last_seq" bigint NOT NULL, CONSTRAINT "PK_a2a579de6dfe2fed2d799a409b1" PRIMARY KEY ("id", "locale"))
CREATE TABLE "change_log" ("seq" bigint NOT NULL, "op" text NOT NULL, "id" text NOT NULL, "locale" text NOT NULL, "version" integer NOT NULL, "entry" text, "at" text NOT NULL, "actor" text NOT NULL, CONSTRAINT "PK_8ddf0d4f5f0df5f2ae5a877e3ff" PRIMARY KEY ("seq"))
CREATE TABLE "tokens" ("name" text NOT NULL, "token_hash" text NOT NULL, "role" text NOT NULL, "created_at" text NOT NULL, CONSTRAINT "UQ_989478f994a58e1a3b8b9b35a09" UNIQUE ("token_hash"), CONSTRAINT "PK_6b4ffa178cad9cb1f55d5de2f4e" PRIMARY KEY ("name"))
-- ChangeItems1732870000002
CREATE TABLE "change_log_v2" ("seq" bigint NOT NULL, "op" text NOT NULL, "id" text NOT NULL, "locale" text NOT NULL, "version" integer NOT NULL, "at" text NOT NULL, "actor" text NOT NULL, "item" text NOT NULL, CONSTRAINT "PK_6e810a98299ae06bf9d29fc8dca" PRIMARY KEY ("seq"))
SELECT seq, op, id, locale, version, entry, at, actor FROM change_log WHERE seq > $1 ORDER BY seq LIMIT $2
DROP TABLE "change_log"
ALTER TABLE "change_log_v2" RENAME TO "change_log"
ALTER TABLE "change_log" RENAME CONSTRAINT "PK_6e810a98299ae06bf9d29fc8dca" TO "PK_8ddf0d4f5f0df5f2ae5a877e3ff"
CREATE TABLE "server_state_v2" ("id" integer NOT NULL, "latest_seq" bigint NOT NULL, "epoch" text NOT NULL, "created_at" text NOT NULL, "db_identity" text, CONSTRAINT "PK_4c0015624fe2db8100180241dc6" PRIMARY KEY ("id"))
INSERT INTO server_state_v2 (id, latest_seq, epoch, created_at) SELECT id, latest_seq, epoch, created_at FROM server_state
DROP TABLE "server_state"
ALTER TABLE "server_state_v2" RENAME TO "server_state"
ALTER TABLE "server_state" RENAME CONSTRAINT "PK_4c0015624fe2db8100180241dc6" TO "PK_4e934de569b3e61687148cfb751"
CREATE TABLE "tokens_v2" ("name" text NOT NULL, "token_hash" text NOT NULL, "role" text NOT NULL, "created_at" text NOT NULL, CONSTRAINT "UQ_db4933d9efb1e063ce5c28825c2" UNIQUE ("token_hash"), CONSTRAINT "PK_6f6e5e774bf6aec2ee856b36681" PRIMARY KEY ("name"))
INSERT INTO tokens_v2 (name, token_hash, role, created_at) SELECT name, token_hash, role, created_at FROM tokens
DROP TABLE "tokens"
ALTER TABLE "tokens_v2" RENAME TO "tokens"
ALTER TABLE "tokens" RENAME CONSTRAINT "PK_6f6e5e774bf6aec2ee856b36681" TO "PK_6b4ffa178cad9cb1f55d5de2f4e"
ALTER TABLE "tokens" RENAME CONSTRAINT "UQ_db4933d9efb1e063ce5c28825c2" TO "UQ_989478f994a58e1a3b8b9b35a09"
-- ReviewWorkflow1732870000003
CREATE TABLE "entry_versions" ("id" text NOT NULL, "locale" text NOT NULL, "version" integer NOT NULL, "kind" text NOT NULL, "title" text NOT NULL, "body" text NOT NULL, "tags" text NOT NULL, "url_or_path" text, "state" text NOT NULL, "author" text NOT NULL, "created_at" text NOT NULL, "based_on" integer, "rollback_of" integer, "approved_by" text, "approved_at" text, "bulk" integer NOT NULL, "review_comment" text, CONSTRAINT "PK_730df6c3dd2569986245d059967" PRIMARY KEY ("id", "locale", "version"))
CREATE INDEX "entry_versions_state" ON "entry_versions" ("state")
CREATE TABLE "entry_events" ("event_id" SERIAL NOT NULL, "id" text NOT NULL, "locale" text NOT NULL, "version" integer NOT NULL, "event" text NOT NULL, "state" text NOT NULL, "actor" text NOT NULL, "at" text NOT NULL, "comment" text, CONSTRAINT "PK_9d4c6cbcf71023dedbfece44c83" PRIMARY KEY ("event_id"))
CREATE INDEX "entry_events_entry" ON "entry_events" ("id", "locale")
CREATE TABLE "entry_meta" ("id" text NOT NULL, "locale" text NOT NULL, "owner" text NOT NULL, "verification_interval_days" integer NOT NULL, "last_verified_at" text, "last_verified_by" text, "confirmed_source_version" integer, "created_at" text NOT NULL, "sent_due_at" text, "sent_stale" integer NOT NULL, "sent_source_locale" text, CONSTRAINT "PK_4eb92510559f8414e4d3b41bbf3" PRIMARY KEY ("id", "locale"))
CREATE TABLE "entry_sources" ("id" text NOT NULL, "source_locale" text NOT NULL, CONSTRAINT "PK_4f46bb14a9abcf4b1ea8e4bc537" PRIMARY KEY ("id"))
CREATE TABLE "flags" ("flag_id" text NOT NULL, "client_id" text NOT NULL, "id" text NOT NULL, "locale" text NOT NULL, "version" integer NOT NULL, "reason" text NOT NULL, "comment" text NOT NULL, "raised_by" text NOT NULL, "raised_at" text NOT NULL, "resolved_by" text, "resolved_at" text, "resolution" text, "resolution_comment" text, CONSTRAINT "UQ_ae2bb368e68561ed0456943749e" UNIQUE ("client_id"), CONSTRAINT "PK_9ce565be8da25dfae74ffb98cc8" PRIMARY KEY ("flag_id"))
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
CREATE TABLE "approver_keys" ("name" text NOT NULL, "public_key" text NOT NULL, "registered_by" text NOT NULL, "registered_at" text NOT NULL, CONSTRAINT "PK_3170905d5bacfe61176f09fd92a" PRIMARY KEY ("name"))
CREATE UNIQUE INDEX "approver_keys_public_key" ON "approver_keys" ("public_key")
CREATE TABLE "key_lists" ("version" integer NOT NULL, "document" text NOT NULL, "uploaded_by" text NOT NULL, "uploaded_at" text NOT NULL, CONSTRAINT "PK_dbe0f5f17331a1cd92fe5ec1476" PRIMARY KEY ("version"))
CREATE TABLE "version_signatures" ("id" text NOT NULL, "locale" text NOT NULL, "version" integer NOT NULL, "key_id" text NOT NULL, "approved_at" text NOT NULL, "signature" text NOT NULL, "signer" text NOT NULL, CONSTRAINT "PK_4a9fb1976694cb3faa26e41a343" PRIMARY KEY ("id", "locale", "version", "key_id"))
-- SynonymsAndSignals1732870000005
CREATE TABLE "synonym_rules" ("rule_id" text NOT NULL, "locale" text NOT NULL, "terms" text NOT NULL, "one_way_to" text, "state" text NOT NULL, "author" text NOT NULL, "created_at" text NOT NULL, "decided_by" text, "decided_at" text, "comment" text, "seq" integer NOT NULL, CONSTRAINT "PK_e41bf7d11a8e0b9b040e05b7b31" PRIMARY KEY ("rule_id"))
CREATE INDEX "synonym_rules_state" ON "synonym_rules" ("state")
CREATE TABLE "signal_batches" ("batch_id" text NOT NULL, "agent" text NOT NULL, "received_at" text NOT NULL, CONSTRAINT "PK_24645a19cae7409a1ca04b38264" PRIMARY KEY ("batch_id"))
CREATE TABLE "signal_usage" ("day" text NOT NULL, "id" text NOT NULL, "locale" text NOT NULL, "found" integer NOT NULL, "opened" integer NOT NULL, "inserted" integer NOT NULL, "copied" integer NOT NULL, CONSTRAINT "PK_3b666bc46e250eee8db760d071b" PRIMARY KEY ("day", "id", "locale"))
CREATE TABLE "signal_missed" ("day" text NOT NULL, "query_key" text NOT NULL, "locale" text NOT NULL, "query_text" text, "searches" integer NOT NULL, CONSTRAINT "PK_d798f677dce4d167fe4a24e3584" PRIMARY KEY ("day", "query_key"))
CREATE TABLE "signal_edits" ("day" text NOT NULL, "id" text NOT NULL, "locale" text NOT NULL, "edits" integer NOT NULL, "ratio_sum" real NOT NULL, CONSTRAINT "PK_ad2c98ee5f28ad6d624b9e690cf" PRIMARY KEY ("day", "id", "locale"))
-- TokenAudience1732870000006
ALTER TABLE "tokens" ADD "tags" text
-- SynonymSignatures1732870000007
ALTER TABLE "synonym_rules" ADD "signatures" text
ALTER TABLE "synonym_rules" ADD "replaces" text
-- DraftRevision1732870000008
ALTER TABLE "entry_versions" ADD "revision" integer NOT NULL DEFAULT 0
ROLLBACK
