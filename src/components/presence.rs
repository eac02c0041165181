//! "3 helpers online": who can answer right now, with their initials, names and ranks, kept
//! current by the live stream's presence events.

use leptos::{prelude::*, task::spawn_local};
use peerhelp_api::{HelperCard, PresenceStatus, Text};

use super::screen::avatar;
use crate::i18n::{counted, t};
use crate::reactive::effect;
use crate::session::Session;

/// How many avatars the summary line shows.
const AVATARS_SHOWN: usize = 3;

/// The helpers online, once the panel was opened; nothing when there are none.
#[component]
pub fn HelpersOnline() -> impl IntoView {
    let session = expect_context::<Session>();
    // Loaded when the panel first opens rather than at mount: a closed widget costs the host
    // page no requests.
    let mut loading = false;
    effect(move || {
        if !loading && session.opened.get() {
            loading = true;
            spawn_local(async move {
                if let Ok(online) = session.api().online().await {
                    session.online.set(Some(online.helpers));
                }
            });
        }
    });
    move || {
        let helpers = session.online.get().filter(|helpers| !helpers.is_empty())?;
        let online = helpers
            .iter()
            .filter(|h| h.status == PresenceStatus::Online)
            .count();
        let faces = helpers
            .iter()
            .take(AVATARS_SHOWN)
            .map(|h| avatar(h.initials.clone()))
            .collect_view();
        let list = helpers.into_iter().map(helper_line).collect_view();
        Some(view! {
            <details class="presence">
                <summary>
                    {faces}
                    <span>{counted(online as i64, Text::HelpersOnlineOne, Text::HelpersOnlineMany)}</span>
                </summary>
                <ul>{list}</ul>
            </details>
        })
    }
}

fn helper_line(helper: HelperCard) -> impl IntoView {
    let away = (helper.status == PresenceStatus::Away).then(|| " · ".to_owned() + t(Text::Away));
    view! {
        <li>
            {avatar(helper.initials)}
            <span>{helper.name}</span>
            <span class="rank">{t(helper.rank.text())} {away}</span>
        </li>
    }
}
