//! Rows read from either backend, and the column types the store reads from them. Integers
//! are read whatever their width (PostgreSQL types a literal `1` as `INT4`, a `COUNT` as
//! `INT8`), so statements need no casts to be read as `i64`; a time read as text comes out as
//! SQLite stores it (`2026-12-01T08:00:00.000Z`), so the API writes times alike on both.

use std::fmt::Debug;

use sqlx::postgres::PgRow;
use sqlx::sqlite::SqliteRow;
use sqlx::{ColumnIndex, Row as _};

use crate::timestamp::Timestamp;

/// A row of a result.
pub(crate) enum Row {
    Sqlite(SqliteRow),
    Postgres(PgRow),
}

impl From<SqliteRow> for Row {
    fn from(row: SqliteRow) -> Row {
        Row::Sqlite(row)
    }
}

impl From<PgRow> for Row {
    fn from(row: PgRow) -> Row {
        Row::Postgres(row)
    }
}

/// A column, by name or position.
pub(crate) trait Index: ColumnIndex<SqliteRow> + ColumnIndex<PgRow> + Copy + Debug {}

impl<I: ColumnIndex<SqliteRow> + ColumnIndex<PgRow> + Copy + Debug> Index for I {}

impl Row {
    /// The column `index` as a `T`; panics, like `sqlx::Row::get`, when the statement does not
    /// have that column or it is of another type: a mistake in the store's own SQL.
    pub(crate) fn get<T: Value, I: Index>(&self, index: I) -> T {
        self.try_get(index)
            .unwrap_or_else(|error| panic!("reading column {index:?}: {error}"))
    }

    pub(crate) fn try_get<T: Value, I: Index>(&self, index: I) -> sqlx::Result<T> {
        match self {
            Row::Sqlite(row) => T::from_sqlite(row, index),
            Row::Postgres(row) => T::from_postgres(row, index),
        }
    }
}

/// A type the store reads from a column of either backend.
pub(crate) trait Value: Sized {
    fn from_sqlite<I: Index>(row: &SqliteRow, index: I) -> sqlx::Result<Self>;
    fn from_postgres<I: Index>(row: &PgRow, index: I) -> sqlx::Result<Self>;
}

/// Types both drivers decode the same way, alone or nullable.
macro_rules! decoded_alike {
    ($($t:ty),+) => {
        $(
            impl Value for $t {
                fn from_sqlite<I: Index>(row: &SqliteRow, index: I) -> sqlx::Result<Self> {
                    row.try_get(index)
                }
                fn from_postgres<I: Index>(row: &PgRow, index: I) -> sqlx::Result<Self> {
                    row.try_get(index)
                }
            }

            impl Value for Option<$t> {
                fn from_sqlite<I: Index>(row: &SqliteRow, index: I) -> sqlx::Result<Self> {
                    row.try_get(index)
                }
                fn from_postgres<I: Index>(row: &PgRow, index: I) -> sqlx::Result<Self> {
                    row.try_get(index)
                }
            }
        )+
    };
}

decoded_alike!(bool, f64, Timestamp);

/// A PostgreSQL text column, or a `TIMESTAMPTZ` one written as SQLite stores times.
fn postgres_text<I: Index>(row: &PgRow, index: I) -> sqlx::Result<Option<String>> {
    row.try_get::<Option<String>, _>(index).or_else(|error| {
        match row.try_get::<Option<Timestamp>, _>(index) {
            Ok(time) => Ok(time.map(|time| time.to_string())),
            Err(_) => Err(error),
        }
    })
}

impl Value for Option<String> {
    fn from_sqlite<I: Index>(row: &SqliteRow, index: I) -> sqlx::Result<Self> {
        row.try_get(index)
    }
    fn from_postgres<I: Index>(row: &PgRow, index: I) -> sqlx::Result<Self> {
        postgres_text(row, index)
    }
}

impl Value for String {
    fn from_sqlite<I: Index>(row: &SqliteRow, index: I) -> sqlx::Result<Self> {
        row.try_get(index)
    }
    fn from_postgres<I: Index>(row: &PgRow, index: I) -> sqlx::Result<Self> {
        not_null(postgres_text(row, index)?, index)
    }
}

/// A PostgreSQL integer column of any width.
fn postgres_integer<I: Index>(row: &PgRow, index: I) -> sqlx::Result<Option<i64>> {
    row.try_get::<Option<i64>, _>(index)
        .or_else(|_| {
            row.try_get::<Option<i32>, _>(index)
                .map(|v| v.map(i64::from))
        })
        .or_else(|_| {
            row.try_get::<Option<i16>, _>(index)
                .map(|v| v.map(i64::from))
        })
}

fn not_null<T, I: Index>(value: Option<T>, index: I) -> sqlx::Result<T> {
    value.ok_or_else(|| sqlx::Error::ColumnDecode {
        index: format!("{index:?}"),
        source: "unexpected NULL".into(),
    })
}

fn narrowed<T: TryFrom<i64>, I: Index>(value: i64, index: I) -> sqlx::Result<T> {
    T::try_from(value).map_err(|_| sqlx::Error::ColumnDecode {
        index: format!("{index:?}"),
        source: format!("{value} is out of range").into(),
    })
}

/// Integer types, read through `i64`.
macro_rules! integer {
    ($($t:ty),+) => {
        $(
            impl Value for Option<$t> {
                fn from_sqlite<I: Index>(row: &SqliteRow, index: I) -> sqlx::Result<Self> {
                    row.try_get::<Option<i64>, _>(index)?
                        .map(|v| narrowed(v, index))
                        .transpose()
                }
                fn from_postgres<I: Index>(row: &PgRow, index: I) -> sqlx::Result<Self> {
                    postgres_integer(row, index)?
                        .map(|v| narrowed(v, index))
                        .transpose()
                }
            }

            impl Value for $t {
                fn from_sqlite<I: Index>(row: &SqliteRow, index: I) -> sqlx::Result<Self> {
                    not_null(Option::<$t>::from_sqlite(row, index)?, index)
                }
                fn from_postgres<I: Index>(row: &PgRow, index: I) -> sqlx::Result<Self> {
                    not_null(Option::<$t>::from_postgres(row, index)?, index)
                }
            }
        )+
    };
}

integer!(i64, i32, u32, u16, u8, usize);
