//! The top helpers: who answers most usefully, by points.

use leptos::prelude::*;

use super::screen::{avatar, heading, loaded};
use crate::api::ApiFailure;
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
            let points = entry.points.to_string() + " points";
            view! {
                <li>
                    {avatar(entry.helper.initials)}
                    <span>{entry.helper.name}</span>
                    <span class="rank">{entry.helper.rank.label()} " · " {points}</span>
                </li>
            }
        });
        view! { <ol class="people">{rows.collect_view()}</ol> }.into_any()
    };
    view! {
        <section class="screen">
            {heading("Top helpers")}
            {loaded(loader, list)}
        </section>
    }
}
