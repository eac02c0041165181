//! `peerhelp copy --to URL`: every row of an SQLite database into a new PostgreSQL one, for a
//! site that outgrows one machine. Both databases are first migrated to this version, so their
//! tables hold the same columns; the copy takes the tables and their types from PostgreSQL's
//! catalog (tables in creation order, which is the order their foreign keys allow), reads the
//! SQLite file in one snapshot, converts each value to its PostgreSQL type (integers, text,
//! booleans stored as 0 and 1, times stored as text) and writes everything in one transaction:
//! the target ends up with all of it or none of it.

use super::Store;
use super::db::{Arg, Db, Row, Tx, query, query_scalar};
use crate::error::{AppError, AppResult};
use crate::timestamp::Timestamp;

/// Rows read from SQLite per query, and written to PostgreSQL per statement at most.
const BATCH_ROWS: i64 = 500;

/// The PostgreSQL type of a column, as far as copying is concerned.
#[derive(Clone, Copy, Debug)]
enum Kind {
    Integer,
    Text,
    Boolean,
    Time,
}

struct Column {
    name: String,
    kind: Kind,
    /// An identity column; one SQLite lacks stands for its insertion order (as `added` in
    /// `site_origins` does for SQLite's `rowid`), and is filled from the `rowid`.
    identity: bool,
}

/// One table copied.
#[derive(Debug, PartialEq, Eq)]
pub struct CopiedTable {
    pub name: String,
    pub rows: u64,
}

impl Store {
    /// Copies every row of this (SQLite) database into `target` (PostgreSQL), which must hold
    /// no site yet; returns each table with the rows it received.
    pub async fn copy_to(&self, target: &Store) -> AppResult<Vec<CopiedTable>> {
        let (Db::Sqlite(_), Db::Postgres(_)) = (&self.db, &target.db) else {
            return Err(AppError::InvalidInput(
                "copy goes from an SQLite database (--database-url sqlite://…) to a PostgreSQL \
                 one (--to postgres://…)"
                    .to_owned(),
            ));
        };
        let sites: i64 = query_scalar("SELECT COUNT(*) FROM sites")
            .fetch_one(&target.db)
            .await?;
        if sites > 0 {
            return Err(AppError::Conflict(
                "the target database already holds sites: copy only into a new, empty database"
                    .to_owned(),
            ));
        }
        let mut source = self.db.begin().await?;
        let mut into = target.db.begin().await?;
        let tables = postgres_tables(&mut into).await?;
        // Rows a migration seeded (the revision counter, the network key) give way to the
        // source's; children first, as the foreign keys require.
        for (table, _) in tables.iter().rev() {
            query(format!("DELETE FROM {table}"))
                .execute(&mut into)
                .await?;
        }
        let mut copied = Vec::with_capacity(tables.len());
        for (table, columns) in &tables {
            let sources = sources(&mut source, table, columns).await?;
            let rows = copy_table(&mut source, &mut into, table, columns, &sources).await?;
            copied.push(CopiedTable {
                name: table.clone(),
                rows,
            });
        }
        restart_identities(&mut into).await?;
        into.commit().await?;
        source.rollback().await?;
        Ok(copied)
    }
}

/// The application's PostgreSQL tables in creation order, each with its columns.
async fn postgres_tables(into: &mut Tx) -> AppResult<Vec<(String, Vec<Column>)>> {
    let names: Vec<String> = query_scalar(
        "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE n.nspname = current_schema() AND c.relkind = 'r' AND c.relname NOT LIKE '\\_sqlx%'
         ORDER BY c.oid",
    )
    .fetch_all(&mut *into)
    .await?;
    let mut tables = Vec::with_capacity(names.len());
    for name in names {
        let rows = query(
            "SELECT column_name, data_type, is_identity FROM information_schema.columns
             WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position",
        )
        .bind(&name)
        .fetch_all(&mut *into)
        .await?;
        let columns = rows
            .iter()
            .map(|row| column(&name, row))
            .collect::<AppResult<_>>()?;
        tables.push((name, columns));
    }
    Ok(tables)
}

fn column(table: &str, row: &Row) -> AppResult<Column> {
    let name: String = row.get("column_name");
    let kind = match row.get::<String, _>("data_type").as_str() {
        "bigint" | "integer" | "smallint" => Kind::Integer,
        "text" => Kind::Text,
        "boolean" => Kind::Boolean,
        "timestamp with time zone" => Kind::Time,
        other => {
            return Err(AppError::Internal(format!(
                "{table}.{name} has type {other}, which copy does not know"
            )));
        }
    };
    let identity = row.get::<String, _>("is_identity") == "YES";
    Ok(Column {
        name,
        kind,
        identity,
    })
}

/// The SQLite expression each of `columns` is read from: the column of the same name, or the
/// `rowid` for an identity column SQLite lacks. Refuses a table whose columns differ otherwise:
/// nothing may be lost or made up.
async fn sources(source: &mut Tx, table: &str, columns: &[Column]) -> AppResult<Vec<String>> {
    let in_sqlite: Vec<String> = query_scalar("SELECT name FROM pragma_table_info($1)")
        .bind(table)
        .fetch_all(&mut *source)
        .await?;
    let sources: Vec<String> = columns
        .iter()
        .map(|c| {
            if c.identity && !in_sqlite.contains(&c.name) {
                "rowid".to_owned()
            } else {
                c.name.clone()
            }
        })
        .collect();
    let mut read: Vec<&String> = sources.iter().filter(|s| *s != "rowid").collect();
    let mut expected: Vec<&String> = in_sqlite.iter().collect();
    read.sort();
    expected.sort();
    if read != expected {
        return Err(AppError::Internal(format!(
            "table {table} has columns {expected:?} in SQLite but {read:?} in PostgreSQL"
        )));
    }
    Ok(sources)
}

/// Copies `table` in batches, in SQLite's row order; returns how many rows.
async fn copy_table(
    source: &mut Tx,
    into: &mut Tx,
    table: &str,
    columns: &[Column],
    sources: &[String],
) -> AppResult<u64> {
    let names = columns
        .iter()
        .map(|c| c.name.as_str())
        .collect::<Vec<_>>()
        .join(", ");
    let read = sources
        .iter()
        .zip(columns)
        .map(|(source, column)| format!("{source} AS {}", column.name))
        .collect::<Vec<_>>()
        .join(", ");
    let read = format!(
        "SELECT rowid AS copy_rowid, {read} FROM {table} WHERE rowid > $1 ORDER BY rowid LIMIT $2"
    );
    let (mut after, mut copied) = (i64::MIN, 0);
    loop {
        let rows = query(&read)
            .bind(after)
            .bind(BATCH_ROWS)
            .fetch_all(&mut *source)
            .await?;
        let Some(last) = rows.last() else {
            return Ok(copied);
        };
        after = last.get("copy_rowid");
        let mut args = Vec::with_capacity(rows.len() * columns.len());
        for row in &rows {
            for column in columns {
                args.push(value(table, row, column)?);
            }
        }
        let width = columns.len();
        let tuples = (0..rows.len())
            .map(|r| {
                let places = (1..=width).map(|c| format!("${}", r * width + c));
                format!("({})", places.collect::<Vec<_>>().join(", "))
            })
            .collect::<Vec<_>>()
            .join(", ");
        let mut insert = query(format!("INSERT INTO {table} ({names}) VALUES {tuples}"));
        for arg in args {
            insert = insert.bind(arg);
        }
        insert.execute(&mut *into).await?;
        copied += rows.len() as u64;
    }
}

/// `column` of an SQLite row as the PostgreSQL column takes it.
fn value(table: &str, row: &Row, column: &Column) -> AppResult<Arg> {
    let name = column.name.as_str();
    Ok(match column.kind {
        Kind::Integer => Arg::from(row.get::<Option<i64>, _>(name)),
        Kind::Text => Arg::from(row.get::<Option<String>, _>(name)),
        Kind::Boolean => Arg::from(row.get::<Option<i64>, _>(name).map(|flag| flag != 0)),
        Kind::Time => {
            let text: Option<String> = row.get(name);
            let time = text
                .map(|text| {
                    text.parse::<Timestamp>().map_err(|_| {
                        AppError::Internal(format!("{table}.{name} holds {text:?}, not a time"))
                    })
                })
                .transpose()?;
            Arg::from(time)
        }
    })
}

/// Moves every identity column's sequence past the ids copied, so new rows get fresh ids.
async fn restart_identities(into: &mut Tx) -> AppResult<()> {
    let identities = query(
        "SELECT table_name, column_name FROM information_schema.columns
         WHERE table_schema = current_schema() AND is_identity = 'YES'",
    )
    .fetch_all(&mut *into)
    .await?;
    for identity in identities {
        let (table, column): (String, String) =
            (identity.get("table_name"), identity.get("column_name"));
        query(format!(
            "SELECT setval(pg_get_serial_sequence($1, $2), MAX({column})) FROM {table}
             HAVING MAX({column}) IS NOT NULL"
        ))
        .bind(&table)
        .bind(&column)
        .execute(&mut *into)
        .await?;
    }
    Ok(())
}
