//! "3 helpers online": who can answer right now, with their initials, names and ranks, live
//! while the panel is open. The count and the list are the same helpers: those online now
//! (away ones cannot answer, so they are not shown).

use leptos::{prelude::*, task::spawn_local};
use peerhelp_api::{HelperCard, PresenceStatus, Text};

use super::screen::avatar;
use crate::i18n::{counted, t};
use crate::live;
use crate::reactive::effect;
use crate::session::Session;

/// How many avatars the summary line shows.
const AVATARS_SHOWN: usize = 3;

/// The helpers online while the panel is open; nothing when there are none.
#[component]
pub fn HelpersOnline() -> impl IntoView {
    let session = expect_context::<Session>();
    keep_current(session);
    move || {
        let helpers: Vec<HelperCard> = session
            .online
            .get()?
            .into_iter()
            .filter(|h| h.status == PresenceStatus::Online)
            .collect();
        if helpers.is_empty() {
            return None;
        }
        let faces = helpers
            .iter()
            .take(AVATARS_SHOWN)
            .map(|h| avatar(h.initials.clone()))
            .collect_view();
        let count = counted(
            helpers.len() as i64,
            Text::HelpersOnlineOne,
            Text::HelpersOnlineMany,
        );
        let list = helpers.into_iter().map(helper_line).collect_view();
        Some(view! {
            <details class="presence">
                <summary>{faces}<span>{count}</span></summary>
                <ul>{list}</ul>
            </details>
        })
    }
}

/// Keeps `session.online` current while the panel is open. A visitor without a token gets the
/// presence stream, whose first message is the whole list. A token's own stream carries
/// presence from the moment it opens, so the list is read once for each opening of the panel
/// and each new token; a closed panel costs the host page nothing.
fn keep_current(session: Session) {
    live::follow_presence(session);
    let mut loaded_for = None;
    effect(move || {
        let open = session.panel.open.get();
        let token = session.helper_token.get().or_else(|| session.visitor.get());
        let watching = token.filter(|_| open);
        if watching.is_some() && watching != loaded_for {
            spawn_local(async move {
                if let Ok(online) = session.api().online().await {
                    session.online.set(Some(online.helpers));
                }
            });
        }
        loaded_for = watching;
    });
}

fn helper_line(helper: HelperCard) -> impl IntoView {
    view! {
        <li>
            {avatar(helper.initials)}
            <span>{helper.name}</span>
            <span class="rank">{t(helper.rank.text())}</span>
        </li>
    }
}
