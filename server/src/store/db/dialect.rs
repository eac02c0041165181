//! The few SQL fragments SQLite and PostgreSQL spell differently. Everything else the store
//! writes is SQL both accept: `$n` parameters, `TRUE`/`FALSE`, `ON CONFLICT`, `RETURNING`,
//! `CASE` rather than summing booleans, and an alias on every derived table.

use super::Backend;

impl Backend {
    /// `(…)` listing the strings of the JSON array bound as parameter `param` (`$2`), for
    /// `x IN …`.
    pub(crate) fn json_strings(self, param: &str) -> String {
        match self {
            Backend::Sqlite => format!("(SELECT value FROM json_each({param}))"),
            Backend::Postgres => format!("(SELECT json_array_elements_text({param}::json))"),
        }
    }

    /// Whether text `needle` occurs in text `haystack`.
    pub(crate) fn contains(self, haystack: &str, needle: &str) -> String {
        match self {
            Backend::Sqlite => format!("instr({haystack}, {needle}) > 0"),
            Backend::Postgres => format!("strpos({haystack}, {needle}) > 0"),
        }
    }

    /// The UTC day (`2026-12-01`) of time column `column`.
    pub(crate) fn day(self, column: &str) -> String {
        match self {
            // Stored as fixed-width UTC text: the day is its first ten characters.
            Backend::Sqlite => format!("substr({column}, 1, 10)"),
            Backend::Postgres => format!("to_char({column} AT TIME ZONE 'UTC', 'YYYY-MM-DD')"),
        }
    }

    /// The integer under key `key` (an expression) of the JSON object bound as `param`, or 0.
    pub(crate) fn json_count(self, param: &str, key: &str) -> String {
        match self {
            Backend::Sqlite => {
                format!("COALESCE(json_extract({param}, '$.\"' || {key} || '\"'), 0)")
            }
            Backend::Postgres => {
                format!("COALESCE(({param}::jsonb ->> CAST({key} AS TEXT))::bigint, 0)")
            }
        }
    }

    /// The column ordering a table's rows as they were inserted, where the table has no id.
    pub(crate) fn insertion_order(self) -> &'static str {
        match self {
            Backend::Sqlite => "rowid",
            Backend::Postgres => "added",
        }
    }

    /// What a `SELECT` of rows to claim ends with, so that two claimers at once never take the
    /// same row: PostgreSQL skips rows another transaction has locked; SQLite has one writer.
    pub(crate) fn skip_locked(self) -> &'static str {
        match self {
            Backend::Sqlite => "",
            Backend::Postgres => " FOR UPDATE SKIP LOCKED",
        }
    }
}
