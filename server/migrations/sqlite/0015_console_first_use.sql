-- The console's first use: when the widget last loaded from one of the site's allowed origins
-- (one row per site, written at most once a minute), and the threads staff pinned, which the
-- widget suggests when its panel opens and which rank first for the searches they match.
CREATE TABLE widget_loads (
    site_id   INTEGER PRIMARY KEY REFERENCES sites (id) ON DELETE CASCADE,
    origin    TEXT NOT NULL,
    loaded_at TEXT NOT NULL
);

ALTER TABLE threads ADD COLUMN pinned_at TEXT;
CREATE INDEX threads_pinned ON threads (site_id, pinned_at) WHERE pinned_at IS NOT NULL;
