//! Statements with their arguments, run on either backend: [`query`] for rows, [`query_scalar`]
//! for the first column of each row.

use std::marker::PhantomData;

use sqlx::postgres::PgArguments;
use sqlx::sqlite::SqliteArguments;
use sqlx::{Postgres, Sqlite};

use super::row::{Row, Value};
use super::{Executor, Target};
use crate::timestamp::Timestamp;

/// An argument, typed so each backend binds it as the column expects (`None` is a typed NULL).
#[derive(Clone, Debug)]
pub(crate) enum Arg {
    Int(Option<i64>),
    Float(Option<f64>),
    Text(Option<String>),
    Bool(Option<bool>),
    Time(Option<Timestamp>),
}

macro_rules! arg_from {
    ($variant:ident: $($source:ty => $convert:expr),+ $(,)?) => {
        $(
            impl From<$source> for Arg {
                fn from(value: $source) -> Arg {
                    let convert: fn($source) -> _ = $convert;
                    Arg::$variant(convert(value))
                }
            }
        )+
    };
}

arg_from!(Int:
    i64 => Some,
    i32 => |v| Some(i64::from(v)),
    u32 => |v| Some(i64::from(v)),
    Option<u32> => |v| v.map(i64::from),
    Option<i64> => |v| v,
);
arg_from!(Float: f64 => Some, Option<f64> => |v| v);
arg_from!(Text:
    String => Some,
    &str => |v| Some(v.to_owned()),
    &String => |v| Some(v.clone()),
    Option<String> => |v| v,
    Option<&str> => |v| v.map(str::to_owned),
    &Option<String> => |v| v.clone(),
);
arg_from!(Bool: bool => Some, Option<bool> => |v| v);
arg_from!(Time: Timestamp => Some, Option<Timestamp> => |v| v);

type SqliteQuery<'q> = sqlx::query::Query<'q, Sqlite, SqliteArguments<'q>>;
type PostgresQuery<'q> = sqlx::query::Query<'q, Postgres, PgArguments>;

/// A statement and its arguments.
#[must_use = "a query does nothing until it is run"]
pub(crate) struct Query {
    sql: String,
    args: Vec<Arg>,
}

/// A statement returning rows (or nothing).
pub(crate) fn query(sql: impl Into<String>) -> Query {
    Query {
        sql: sql.into(),
        args: Vec::new(),
    }
}

/// What a statement that returns no rows did.
pub(crate) struct Done {
    rows_affected: u64,
}

impl Done {
    pub(crate) fn rows_affected(&self) -> u64 {
        self.rows_affected
    }
}

/// The statement of `$self` with its arguments bound, for the backend the caller's return type
/// names (the same code, typed once per backend).
macro_rules! bind_all {
    ($self:ident) => {
        $self
            .args
            .iter()
            .fold(sqlx::query(&$self.sql), |query, arg| match arg {
                Arg::Int(v) => query.bind(*v),
                Arg::Float(v) => query.bind(*v),
                Arg::Text(v) => query.bind(v.as_deref()),
                Arg::Bool(v) => query.bind(*v),
                Arg::Time(v) => query.bind(*v),
            })
    };
}

/// Runs `$run` on the backend `$target` names, with the statement built for it.
macro_rules! on_target {
    ($self:ident, $target:expr, |$query:ident, $on:ident| $run:expr) => {
        match $target {
            Target::SqlitePool($on) => {
                let $query = $self.sqlite();
                $run
            }
            Target::Sqlite($on) => {
                let $query = $self.sqlite();
                $run
            }
            Target::PostgresPool($on) => {
                let $query = $self.postgres();
                $run
            }
            Target::Postgres($on) => {
                let $query = $self.postgres();
                $run
            }
        }
    };
}

impl Query {
    pub(crate) fn bind(mut self, value: impl Into<Arg>) -> Query {
        self.args.push(value.into());
        self
    }

    fn sqlite(&self) -> SqliteQuery<'_> {
        bind_all!(self)
    }

    fn postgres(&self) -> PostgresQuery<'_> {
        bind_all!(self)
    }

    pub(crate) async fn execute<'a>(self, on: impl Executor<'a>) -> sqlx::Result<Done> {
        let rows_affected = on_target!(self, on.target(), |query, on| query
            .execute(on)
            .await?
            .rows_affected());
        Ok(Done { rows_affected })
    }

    pub(crate) async fn fetch_all<'a>(self, on: impl Executor<'a>) -> sqlx::Result<Vec<Row>> {
        Ok(on_target!(self, on.target(), |query, on| query
            .fetch_all(on)
            .await?
            .into_iter()
            .map(Row::from)
            .collect()))
    }

    pub(crate) async fn fetch_optional<'a>(
        self,
        on: impl Executor<'a>,
    ) -> sqlx::Result<Option<Row>> {
        Ok(on_target!(self, on.target(), |query, on| query
            .fetch_optional(on)
            .await?
            .map(Row::from)))
    }

    pub(crate) async fn fetch_one<'a>(self, on: impl Executor<'a>) -> sqlx::Result<Row> {
        Ok(on_target!(self, on.target(), |query, on| Row::from(
            query.fetch_one(on).await?
        )))
    }
}

/// A statement whose rows are read by their first column, as a `T`.
#[must_use = "a query does nothing until it is run"]
pub(crate) struct QueryScalar<T> {
    query: Query,
    column: PhantomData<fn() -> T>,
}

pub(crate) fn query_scalar<T: Value>(sql: impl Into<String>) -> QueryScalar<T> {
    QueryScalar {
        query: query(sql),
        column: PhantomData,
    }
}

impl<T: Value> QueryScalar<T> {
    pub(crate) fn bind(self, value: impl Into<Arg>) -> QueryScalar<T> {
        QueryScalar {
            query: self.query.bind(value),
            column: PhantomData,
        }
    }

    pub(crate) async fn fetch_one<'a>(self, on: impl Executor<'a>) -> sqlx::Result<T> {
        self.query.fetch_one(on).await?.try_get(0)
    }

    pub(crate) async fn fetch_optional<'a>(self, on: impl Executor<'a>) -> sqlx::Result<Option<T>> {
        match self.query.fetch_optional(on).await? {
            Some(row) => row.try_get(0).map(Some),
            None => Ok(None),
        }
    }

    pub(crate) async fn fetch_all<'a>(self, on: impl Executor<'a>) -> sqlx::Result<Vec<T>> {
        let rows = self.query.fetch_all(on).await?;
        rows.iter().map(|row| row.try_get(0)).collect()
    }
}
