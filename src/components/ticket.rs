//! A ticket as the visitor sees it: a conversation with the brand, opened by who has it
//! ("Sent to the Nimbus team · we usually reply within 1 hour", then the named staff member)
//! and the reference to quote.

use leptos::prelude::*;
use peerhelp_api::{EscalationStatus, Text, Thread};

use super::screen::avatar;
use crate::i18n::{counted, fill, t};
use crate::session::Session;

/// The ticket on `thread`, once there is one: whom it went to, how soon they usually reply,
/// who is handling it and its reference.
pub fn ticket_banner(thread: RwSignal<Thread>) -> impl IntoView {
    let session = expect_context::<Session>();
    move || {
        let ticket = thread.with(|t| t.escalation.clone())?;
        let minutes = session.reply_within_minutes.get_value();
        let sent = fill(Text::SentToTeam, "{name}", &session.team.get_untracked())
            .replace("{time}", &reply_time(minutes));
        let (initials, standing) = match (ticket.status, ticket.assignee) {
            (EscalationStatus::Resolved, _) => (None, t(Text::TicketResolved).to_owned()),
            (EscalationStatus::Open, Some(staff)) => (
                Some(staff.initials),
                fill(Text::TicketHandledBy, "{name}", &staff.name),
            ),
            (EscalationStatus::Open, None) => (None, t(Text::TicketWaiting).to_owned()),
        };
        Some(view! {
            <div class="ticket" role="status">
                <p>{sent}</p>
                <p class="standing">{initials.map(avatar)}<strong>{standing}</strong></p>
                <p class="note">{fill(Text::Ticket, "{reference}", &ticket.reference)}</p>
            </div>
        })
    }
}

/// "45 minutes", "2 hours": an hour or more is said in whole hours, rounded up.
fn reply_time(minutes: u32) -> String {
    let minutes = i64::from(minutes);
    if minutes < 60 {
        counted(minutes, Text::MinutesOne, Text::MinutesMany)
    } else {
        counted((minutes + 59) / 60, Text::HoursOne, Text::HoursMany)
    }
}
