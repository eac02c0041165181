//! Email: what a reply notification says, and the mailer that sends the outbox over SMTP.
//!
//! Emails are queued in the database with what they announce (see `store::mail`), so the
//! mailer can be slow, down or retrying without the API ever waiting for it.

use std::sync::Arc;
use std::time::Duration;

use lettre::message::{Mailbox, Message, header::ContentType};
use lettre::{AsyncSmtpTransport, AsyncTransport, Tokio1Executor};
use peerhelp_api::Answer;
use tokio::sync::{Notify, Semaphore};

use crate::error::{AppError, AppResult};
use crate::retry::{LEASE, backoff};
use crate::store::{OutgoingMail, Store};

/// Most emails being sent at once: a slow exchange with the mail server holds up one slot,
/// not the whole outbox.
const MAX_SENDING: usize = 4;
/// How often the outbox is checked for retries when nothing new was queued.
const POLL: Duration = Duration::from_secs(15);

/// Where and as whom email is sent, from `--smtp-url` and `--mail-from`.
#[derive(Clone, Debug)]
pub struct MailConfig {
    /// `smtp://host:25`, `smtp://user:pass@host:587?tls=required` (STARTTLS) or
    /// `smtps://user:pass@host:465`.
    pub smtp_url: String,
    /// The sender, like `Nimbus Help <help@nimbus.example>`.
    pub from: String,
}

/// The email telling an asker that a helper replied.
pub struct ReplyMail<'a> {
    pub site_name: String,
    pub thread_title: String,
    /// The page the question was asked from, where the widget shows the whole thread.
    pub page_url: Option<String>,
    pub answer: &'a Answer,
}

/// The emails about a ticket: the confirmation when it opens, and each staff reply. They go
/// to an address the visitor typed, which may be a stranger's, so they carry only the brand's
/// own words (and its staff's reply): never the visitor's title, message or page address,
/// which would let anyone send a stranger text and links under the brand's name.
pub struct TicketMail {
    pub site_name: String,
    pub reference: String,
}

impl TicketMail {
    /// `(subject, body)` confirming the ticket.
    pub fn opened(&self) -> (String, String) {
        let subject = format!("[{}] We have your request", self.reference);
        let body = format!(
            "Thanks for contacting {site}. Your request is with our team as ticket {reference}.\n\n\
             A member of the team will reply by email and in the help widget (\"My questions\"). \
             Quote {reference} if you contact us another way.\n\n\
             If you did not contact {site}, someone typed your address by mistake: you can \
             ignore this email.\n",
            site = self.site_name,
            reference = self.reference,
        );
        (subject, body)
    }

    /// `(subject, body)` carrying a staff reply.
    pub fn replied(&self, answer: &Answer) -> (String, String) {
        let author = answer
            .staff
            .as_ref()
            .map_or(self.site_name.as_str(), |staff| staff.name.as_str());
        let subject = format!("[{}] Reply from {}", self.reference, self.site_name);
        let body = format!(
            "{author} from the {site} team replied to your request {reference}:\n\n{reply}\n\n\
             The whole conversation is in the help widget (\"My questions\"). Quote {reference} \
             if you contact us another way.\n",
            site = self.site_name,
            reference = self.reference,
            reply = answer.body,
        );
        (subject, body)
    }
}

/// The email carrying a staff invitation link, sent when an admin invites from the console.
pub struct StaffInviteMail<'a> {
    pub site_name: &'a str,
    pub url: &'a str,
    /// RFC 3339.
    pub expires_at: &'a str,
}

impl StaffInviteMail<'_> {
    /// `(subject, body)`.
    pub fn text(&self) -> (String, String) {
        let subject = format!("You are invited to the {} team on PeerHelp", self.site_name);
        let body = format!(
            "You are invited to join the {site} team in the PeerHelp console, where the team \
             answers customers' requests and looks after the community.\n\n\
             Open this link to choose your password (it works once, until {expires}):\n{url}\n\n\
             If you did not expect this invitation, you can ignore this email.\n",
            site = self.site_name,
            expires = self.expires_at,
            url = self.url,
        );
        (subject, body)
    }
}

impl ReplyMail<'_> {
    pub fn subject(&self) -> String {
        format!("New reply to \"{}\"", self.thread_title)
    }

    /// Plain text: the reply itself, and where to read the thread and accept it.
    pub fn body(&self) -> String {
        let author = self
            .answer
            .helper
            .as_ref()
            .map(|helper| helper.name.as_str())
            .or(self.answer.author.as_deref())
            .unwrap_or("A community member");
        let mut body = format!(
            "{author} replied to your question on the {} community:\n\n\"{}\"\n\n{}\n",
            self.site_name, self.thread_title, self.answer.body
        );
        if let Some(page) = &self.page_url {
            body += &format!(
                "\nRead the thread and accept the answer that helped: open the help button on \
                 {page} and choose \"My questions\".\n"
            );
        }
        body + "\nYou get this email because you asked to be told of replies to this question.\n"
    }
}

/// Checks `config` and starts sending the outbox in the background.
pub fn spawn(store: Store, config: &MailConfig) -> AppResult<()> {
    let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(&config.smtp_url)
        .map_err(|error| AppError::InvalidInput(format!("--smtp-url: {error}")))?
        .build();
    let from: Mailbox = config.from.parse().map_err(|error| {
        AppError::InvalidInput(format!("--mail-from {:?}: {error}", config.from))
    })?;
    let mailer = Arc::new(Mailer {
        store,
        transport,
        from,
        sending: Arc::new(Semaphore::new(MAX_SENDING)),
        finished: Notify::new(),
    });
    tokio::spawn(mailer.run());
    Ok(())
}

/// Sends the outbox, [`MAX_SENDING`] emails at once.
struct Mailer {
    store: Store,
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
    /// One permit per email being sent.
    sending: Arc<Semaphore>,
    /// Told each time an email's attempt ends, so its slot is used again.
    finished: Notify,
}

impl Mailer {
    async fn run(self: Arc<Self>) {
        loop {
            let room = self.sending.available_permits();
            let started = if room == 0 {
                0
            } else {
                self.start_due(room).await
            };
            if room == 0 || started < room {
                tokio::select! {
                    _ = self.store.mail_queued() => {}
                    _ = self.finished.notified() => {}
                    _ = tokio::time::sleep(POLL) => {}
                }
            }
        }
    }

    /// Claims up to `room` emails due now and starts sending them; returns how many.
    async fn start_due(self: &Arc<Self>, room: usize) -> usize {
        let limit = i64::try_from(room).unwrap_or(i64::MAX);
        let due = match self.store.claim_due_mail(limit, LEASE).await {
            Ok(due) => due,
            Err(error) => {
                tracing::warn!(%error, "reading the mail outbox failed");
                return 0;
            }
        };
        let started = due.len();
        for mail in due {
            let permit = self
                .sending
                .clone()
                .try_acquire_owned()
                .expect("no more emails claimed than free slots");
            let mailer = self.clone();
            tokio::spawn(async move {
                mailer.send(&mail).await;
                drop(permit);
                mailer.finished.notify_one();
            });
        }
        started
    }

    async fn send(&self, mail: &OutgoingMail) {
        let outcome = match message(&self.from, mail) {
            Ok(message) => self
                .transport
                .send(message)
                .await
                .map(drop)
                .map_err(|e| e.to_string()),
            Err(error) => Err(error),
        };
        let recorded = match outcome {
            Ok(()) => self.store.mail_sent(mail.id).await,
            Err(error) => {
                tracing::warn!(id = mail.id, attempts = mail.attempts + 1, %error, "sending an email failed");
                self.store
                    .mail_failed(mail.id, &error, backoff(mail.attempts))
                    .await
            }
        };
        if let Err(error) = recorded {
            tracing::warn!(id = mail.id, %error, "recording an email's delivery failed");
        }
    }
}

fn message(from: &Mailbox, mail: &OutgoingMail) -> Result<Message, String> {
    let to: Mailbox = mail
        .recipient
        .parse()
        .map_err(|e| format!("recipient: {e}"))?;
    Message::builder()
        .from(from.clone())
        .to(to)
        .subject(&mail.subject)
        .header(ContentType::TEXT_PLAIN)
        .body(mail.body.clone())
        .map_err(|e| e.to_string())
}
