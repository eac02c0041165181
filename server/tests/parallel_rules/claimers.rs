//! Two outbox claimers at once, as two nodes over one database run them: each with its own
//! `Store` (its own pool), both claiming due mail and webhook deliveries in small batches
//! until none is left. Every due item is claimed exactly once.

use std::collections::{BTreeSet, HashMap};
use std::future::Future;
use std::net::Ipv4Addr;
use std::time::Duration;

use peerhelp_api::WebhookEvent;
use peerhelp_server::store::{NewSite, Question, Store};

use crate::common::database::TestDatabase;

/// Emails and deliveries queued for the claimers.
const EMAILS: usize = 60;
const QUESTIONS: usize = 20;
const WEBHOOKS: usize = 3;
/// Items one claim takes: small, so the two claimers take turns many times.
const BATCH: usize = 3;
/// Long enough that nothing claimed in the test falls due again.
const LEASE: Duration = Duration::from_secs(60 * 60);

/// Claims with `claim` until a claim comes back empty; returns every id claimed.
async fn drain<F, Fut>(claim: F) -> Vec<i64>
where
    F: Fn() -> Fut,
    Fut: Future<Output = Vec<i64>>,
{
    let mut claimed = Vec::new();
    loop {
        let batch = claim().await;
        if batch.is_empty() {
            return claimed;
        }
        claimed.extend(batch);
    }
}

/// Runs `claim` on both stores at once until each comes back empty; asserts that no id was
/// claimed twice and that together they claimed every one of `due`.
async fn claimed_once_each<F, Fut>(stores: [&Store; 2], due: BTreeSet<i64>, claim: F)
where
    F: Fn(Store) -> Fut + Copy + Send + Sync + 'static,
    Fut: Future<Output = Vec<i64>> + Send,
{
    let claimers = stores.map(|store| {
        let store = store.clone();
        tokio::spawn(async move { drain(|| claim(store.clone())).await })
    });
    let [first, second] = claimers;
    let (first, second) = (first.await.unwrap(), second.await.unwrap());
    let all: BTreeSet<i64> = first.iter().chain(&second).copied().collect();
    assert_eq!(
        first.len() + second.len(),
        all.len(),
        "an item was claimed twice: {first:?} {second:?}"
    );
    assert_eq!(all, due, "every due item is claimed");
    for store in stores {
        assert!(claim(store.clone()).await.is_empty(), "nothing is left due");
    }
}

async fn ids(database: &TestDatabase, sql: &str) -> BTreeSet<i64> {
    let pool = database.pool().await;
    let ids: Vec<i64> = sqlx::query_scalar(sql).fetch_all(&pool).await.unwrap();
    ids.into_iter().collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_nodes_claim_every_due_email_and_delivery_exactly_once() {
    let database = TestDatabase::new().await;
    let one = Store::open(&database.url).await.unwrap();
    let other = Store::open(&database.url).await.unwrap();
    let site = NewSite::validated("acme".into(), "Acme".into(), vec![]).unwrap();
    let site = one.create_site(&site).await.unwrap();
    for n in 0..EMAILS {
        let recipient = format!("person{n}@acme.test");
        one.queue_staff_invite_mail(site.id, &recipient, "Join us", "A link.")
            .await
            .unwrap();
    }
    for n in 0..WEBHOOKS {
        let url = format!("https://hooks{n}.acme.test/peerhelp");
        let events = [WebhookEvent::ThreadCreated];
        one.create_webhook(site.id, None, &url, &events, "whsec_test")
            .await
            .unwrap();
    }
    let visitor = one
        .create_visitor(site.id, "pv_claimers", Ipv4Addr::LOCALHOST.into())
        .await
        .unwrap();
    for n in 0..QUESTIONS {
        let question = Question {
            title: format!("Question number {n}"),
            body: String::new(),
            email: None,
            page_url: None,
        };
        one.ask(site.id, visitor.id, &format!("ask-{n}"), &question)
            .await
            .unwrap();
    }

    let emails = ids(&database, "SELECT id FROM mail_outbox").await;
    assert_eq!(emails.len(), EMAILS);
    claimed_once_each([&one, &other], emails, |store| async move {
        let mail = store.claim_due_mail(BATCH as i64, LEASE).await.unwrap();
        mail.iter().map(|mail| mail.id).collect()
    })
    .await;

    let deliveries = ids(&database, "SELECT id FROM webhook_deliveries").await;
    assert_eq!(deliveries.len(), QUESTIONS * WEBHOOKS);
    claimed_once_each([&one, &other], deliveries, |store| async move {
        let none_in_flight = HashMap::new();
        let due = store.claim_due_deliveries(BATCH, usize::MAX, &none_in_flight, LEASE);
        due.await
            .unwrap()
            .iter()
            .map(|delivery| delivery.id)
            .collect()
    })
    .await;
}
