//! A site's public community in the import format (`peerhelp export`): read page by page inside
//! one read transaction, so a large site streams out without being held in memory and the file
//! is one consistent snapshot even while the server writes.

use std::collections::HashMap;

use peerhelp_api::{CommunityAnswer, CommunityThread};

use super::Store;
use super::db::{Row, Tx, query, query_scalar};
use crate::error::AppResult;

/// Threads read per page.
const PAGE: i64 = 500;

/// The id a thread asked in PeerHelp (it has no external id) is exported under, so importing
/// the file again updates the threads it created instead of adding copies.
const GENERATED_ID_PREFIX: &str = "peerhelp-";

impl Store {
    /// Hands every public thread of the site to `write` in the import format, oldest first, and
    /// returns how many there were. Private threads (requests written to staff) are left out,
    /// and so are staff replies and hidden answers; what remains is what any visitor can read.
    pub async fn export_community(
        &self,
        site_id: i64,
        mut write: impl FnMut(&CommunityThread) -> std::io::Result<()>,
    ) -> AppResult<usize> {
        // One transaction: every page reads the same snapshot (WAL lets writers go on).
        let mut tx = self.db.begin().await?;
        let mut after = 0;
        let mut exported = 0;
        loop {
            let page = read_page(&mut tx, site_id, after).await?;
            let Some(last) = page.last().map(|(id, _)| *id) else {
                break;
            };
            for (_, thread) in &page {
                write(thread)?;
            }
            exported += page.len();
            after = last;
        }
        tx.rollback().await?;
        Ok(exported)
    }
}

/// The next page of public threads after thread `after`, with their row ids.
async fn read_page(
    conn: &mut Tx,
    site_id: i64,
    after: i64,
) -> AppResult<Vec<(i64, CommunityThread)>> {
    let rows = query(
        "SELECT id, external_id, title, body FROM threads
         WHERE site_id = $1 AND private = FALSE AND id > $2 ORDER BY id LIMIT $3",
    )
    .bind(site_id)
    .bind(after)
    .bind(PAGE)
    .fetch_all(&mut *conn)
    .await?;
    let (Some(first), Some(last)) = (rows.first(), rows.last()) else {
        return Ok(Vec::new());
    };
    let range = (first.get::<i64, _>("id"), last.get::<i64, _>("id"));
    let mut answers = page_answers(conn, site_id, range).await?;
    let mut tags = page_tags(conn, site_id, range).await?;
    let mut page = Vec::with_capacity(rows.len());
    for row in &rows {
        let id: i64 = row.get("id");
        let external_id = match row.get::<Option<String>, _>("external_id") {
            Some(external_id) => external_id,
            None => generated_id(conn, site_id, id).await?,
        };
        let thread = CommunityThread {
            id: Some(external_id),
            title: row.get("title"),
            body: row.get("body"),
            answers: answers.remove(&id).unwrap_or_default(),
            tags: tags.remove(&id).unwrap_or_default(),
        };
        page.push((id, thread));
    }
    Ok(page)
}

/// The visible community answers of the public threads in `range`, in the order they were
/// written (so the importing site breaks ties between equal votes the same way). The author is
/// the name visitors see: the helper's current name, else the stored one.
const PAGE_ANSWERS: &str =
    "SELECT a.thread_id, a.body, COALESCE(h.name, a.author) AS author, a.accepted, a.votes
     FROM answers a JOIN threads t ON t.id = a.thread_id
        LEFT JOIN helpers h ON h.id = a.helper_id
     WHERE t.site_id = $1 AND t.private = FALSE AND t.id BETWEEN $2 AND $3
        AND a.hidden_at IS NULL AND a.staff_id IS NULL
     ORDER BY a.thread_id, a.id";

/// The tags of the public threads in `range`, alphabetically.
const PAGE_TAGS: &str =
    "SELECT g.thread_id, g.tag FROM thread_tags g JOIN threads t ON t.id = g.thread_id
     WHERE t.site_id = $1 AND t.private = FALSE AND t.id BETWEEN $2 AND $3
     ORDER BY g.thread_id, g.tag";

async fn page_answers(
    conn: &mut Tx,
    site_id: i64,
    range: (i64, i64),
) -> AppResult<HashMap<i64, Vec<CommunityAnswer>>> {
    by_thread(conn, PAGE_ANSWERS, site_id, range, |row| CommunityAnswer {
        body: row.get("body"),
        author: row.get("author"),
        accepted: row.get("accepted"),
        votes: row.get("votes"),
    })
    .await
}

async fn page_tags(
    conn: &mut Tx,
    site_id: i64,
    range: (i64, i64),
) -> AppResult<HashMap<i64, Vec<String>>> {
    by_thread(conn, PAGE_TAGS, site_id, range, |row| row.get("tag")).await
}

/// Runs `sql` (with a `thread_id` column, bound to the site and the range of thread ids) and
/// groups what `read` makes of its rows by thread, in the order of the rows.
async fn by_thread<T>(
    conn: &mut Tx,
    sql: &str,
    site_id: i64,
    (first, last): (i64, i64),
    read: impl Fn(&Row) -> T,
) -> AppResult<HashMap<i64, Vec<T>>> {
    let rows = query(sql)
        .bind(site_id)
        .bind(first)
        .bind(last)
        .fetch_all(&mut *conn)
        .await?;
    let mut grouped: HashMap<i64, Vec<T>> = HashMap::new();
    for row in &rows {
        grouped
            .entry(row.get("thread_id"))
            .or_default()
            .push(read(row));
    }
    Ok(grouped)
}

/// `peerhelp-<thread id>`, unless a thread imported into this site already carries that as its
/// external id (a site that was itself filled from another site's export): then the first free
/// `peerhelp-<thread id>-<n>`, so no two lines of the file share an id.
async fn generated_id(conn: &mut Tx, site_id: i64, thread_id: i64) -> AppResult<String> {
    let base = format!("{GENERATED_ID_PREFIX}{thread_id}");
    let mut candidate = base.clone();
    for n in 2.. {
        let taken: bool = query_scalar(
            "SELECT EXISTS (SELECT 1 FROM threads WHERE site_id = $1 AND external_id = $2)",
        )
        .bind(site_id)
        .bind(&candidate)
        .fetch_one(&mut *conn)
        .await?;
        if !taken {
            break;
        }
        candidate = format!("{base}-{n}");
    }
    Ok(candidate)
}
