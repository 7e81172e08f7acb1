-- Updates posted by moderators, each server's settings, and the audit log of
-- moderator actions. Times are microseconds since 1970 (UTC).

CREATE TABLE updates (
	id         INTEGER PRIMARY KEY AUTOINCREMENT, -- never reused after a delete
	guild      TEXT NOT NULL,
	title_fr   TEXT NOT NULL DEFAULT '',
	title_en   TEXT NOT NULL DEFAULT '',
	text_fr    TEXT NOT NULL DEFAULT '',
	text_en    TEXT NOT NULL DEFAULT '',
	channel_id TEXT NOT NULL DEFAULT '',
	message_id TEXT NOT NULL DEFAULT '',
	posted     INTEGER NOT NULL DEFAULT 0 CHECK (posted IN (0, 1)),
	post_error TEXT NOT NULL DEFAULT '',
	created_at TIMESTAMP NOT NULL,
	updated_at TIMESTAMP NOT NULL,
	version    INTEGER NOT NULL DEFAULT 1
);

CREATE INDEX updates_guild_id ON updates (guild, id DESC);

CREATE TABLE settings (
	guild           TEXT PRIMARY KEY,
	language        TEXT NOT NULL DEFAULT 'en' CHECK (language IN ('en', 'fr', 'both')),
	updates_channel TEXT NOT NULL DEFAULT '',
	moderator_role  TEXT NOT NULL DEFAULT ''
);

-- update_id is not a foreign key: the log outlives deleted updates.
CREATE TABLE audit (
	id           INTEGER PRIMARY KEY AUTOINCREMENT,
	guild        TEXT NOT NULL,
	moderator_id TEXT NOT NULL,
	action       TEXT NOT NULL,
	update_id    INTEGER NOT NULL DEFAULT 0,
	at           TIMESTAMP NOT NULL
);

CREATE INDEX audit_guild_id ON audit (guild, id DESC);
