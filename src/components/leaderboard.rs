//! The top helpers: who answers most usefully, by points.

use leptos::prelude::*;

use peerhelp_api::Text;

use super::screen::{avatar, heading, loaded};
use crate::api::ApiFailure;
use crate::i18n::{counted, t};
use crate::session::Session;
use crate::task::resource;

/// The leaderboard, most points first.
#[component]
pub fn LeaderboardView() -> impl IntoView {
    let session = expect_context::<Session>();
    let board = RwSignal::new(Vec::new());
    let loader = resource(move || {
        let api = session.api();
        async move {
            board.set(api.leaderboard().await?.helpers);
            Ok::<_, ApiFailure>(())
        }
    });
    let list = move || {
        let rows = board.get().into_iter().map(|entry| {
            let points = counted(entry.points, Text::PointsOne, Text::PointsMany);
            view! {
                <li>
                    {avatar(entry.helper.initials)}
                    <span>{entry.helper.name}</span>
                    <span class="rank">{t(entry.helper.rank.text())} " · " {points}</span>
                </li>
            }
        });
        view! { <ol class="people">{rows.collect_view()}</ol> }.into_any()
    };
    view! {
        <section class="screen">
            {heading(Text::NavLeaders)}
            {loaded(loader, list)}
        </section>
    }
}
