-- Updates posted by moderators, each server's settings, and the audit log of
-- moderator actions.

CREATE TABLE updates (
	id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	guild      text NOT NULL,
	title_fr   text NOT NULL DEFAULT '',
	title_en   text NOT NULL DEFAULT '',
	text_fr    text NOT NULL DEFAULT '',
	text_en    text NOT NULL DEFAULT '',
	channel_id text NOT NULL DEFAULT '',
	message_id text NOT NULL DEFAULT '',
	posted     boolean NOT NULL DEFAULT false,
	post_error text NOT NULL DEFAULT '',
	created_at timestamptz NOT NULL,
	updated_at timestamptz NOT NULL,
	version    integer NOT NULL DEFAULT 1
);

CREATE INDEX updates_guild_id ON updates (guild, id DESC);

CREATE TABLE settings (
	guild           text PRIMARY KEY,
	language        text NOT NULL DEFAULT 'en' CHECK (language IN ('en', 'fr', 'both')),
	updates_channel text NOT NULL DEFAULT '',
	moderator_role  text NOT NULL DEFAULT ''
);

-- update_id is not a foreign key: the log outlives deleted updates.
CREATE TABLE audit (
	id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	guild        text NOT NULL,
	moderator_id text NOT NULL,
	action       text NOT NULL,
	update_id    bigint NOT NULL DEFAULT 0,
	at           timestamptz NOT NULL
);

CREATE INDEX audit_guild_id ON audit (guild, id DESC);
