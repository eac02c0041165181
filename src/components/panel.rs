//! The help panel: a dialog with the brand header, the search box, the community bar (what
//! the visitor can do, who is online) and below it the screen being shown.

use leptos::{
    ev::KeyboardEvent,
    html::{Button, Input},
    prelude::*,
};
use peerhelp_api::{Position, Rgb, SiteConfig, Text};

use super::ask::AskForm;
use super::escalate::EscalateForm;
use super::header::{Header, TITLE_ID};
use super::helper_mode::HelperDesk;
use super::leaderboard::LeaderboardView;
use super::my_questions::MyQuestions;
use super::presence::HelpersOnline;
use super::results::SearchResults;
use super::search_box::SearchBox;
use super::thread_view::ThreadLoader;
use crate::i18n::t;
use crate::reactive::{focus_next_frame, latch, reactive, show};
use crate::search::use_search;
use crate::session::Session;
use crate::state::{EscalateFrom, Screen};

/// Colours used when the configuration has none that can be trusted: dark grey and white.
const FALLBACK_COLOURS: (&str, &str) = ("#333333", "#ffffff");

/// The panel, hidden until the panel state says open. Escape closes it.
#[component]
pub fn Panel(
    /// The site's configuration; `None` when it could not be read, which shows an apology.
    config: Option<SiteConfig>,
    /// The widget's session, whose panel state the page's JS API drives too.
    session: Session,
    /// The search input, which gets focus when the panel opens.
    search_input: NodeRef<Input>,
    /// Why signing in from an invite link failed, if it did.
    sign_in_error: RwSignal<Option<String>>,
) -> impl IntoView {
    provide_context(session);
    if let Some(config) = &config {
        session
            .escalate_after_minutes
            .set_value(config.escalate_after_minutes);
        session.team.set(config.name.clone());
        session
            .reply_within_minutes
            .set_value(config.reply_within_minutes);
    }
    let state = session.panel;
    let (brand, on_brand) = brand_colours(config.as_ref());
    let left = config
        .as_ref()
        .is_some_and(|config| config.position == Position::Left);
    let on_close = Callback::new(move |()| state.open.set(false));
    let on_keydown = move |ev: KeyboardEvent| {
        if ev.key() == "Escape" {
            // Keeps the search box's text (clearing it is Escape's default there) and keeps the
            // host page's own Escape handlers out of it.
            ev.prevent_default();
            ev.stop_propagation();
            state.open.set(false);
        }
    };
    // While the panel covers the page (a phone), Tab must not wander off to the page under it:
    // an edge before and after the panel's controls sends focus back to the close button. The
    // edges exist only in the phone layout (see the stylesheet).
    let close_button = NodeRef::<Button>::new();
    let edge = move |_| {
        if let Some(button) = close_button.get_untracked() {
            _ = button.focus();
        }
    };
    // Once the visitor searched, the greeting gives its room to the results for good, so the
    // search box doesn't move again when the query is cleared.
    let searched_once = latch(move || !state.searched.with(String::is_empty));
    // A thread is read on the whole height: the search box and the actions make way for it.
    let reading = move || matches!(state.screen.get(), Screen::Thread(_));
    let content = match config {
        Some(config) => view! {
            <Header name=config.name greeting=config.greeting collapsed=searched_once on_close close_button />
            <div class="chrome" hidden=reactive(reading)>
                <SearchBox state input=search_input />
                <CommunityBar />
            </div>
            <p class="visually-hidden" role="status">{move || session.announcement.get()}</p>
            <div class="body">
                <Body search_input sign_in_error />
            </div>
        }
        .into_any(),
        None => view! {
            <Header
                name="Help".to_owned()
                greeting=String::new()
                collapsed=searched_once
                on_close
                close_button
            />
            <p class="state error">"Help is unavailable right now. Please try again later."</p>
        }
        .into_any(),
    };
    view! {
        <section
            class="panel"
            class:left=left
            role="dialog"
            aria-labelledby=TITLE_ID
            hidden=reactive(move || !state.open.get())
            style:--ph-brand=brand
            style:--ph-on-brand=on_brand
            on:keydown=on_keydown
        >
            <span class="edge" tabindex="0" on:focus=edge></span>
            {content}
            <span class="edge" tabindex="0" on:focus=edge></span>
        </section>
    }
}

/// What a visitor can do besides searching, in one row, and the helpers online. Reaching the
/// team is offered under the results ("Didn't find it?") and under threads.
#[component]
fn CommunityBar() -> impl IntoView {
    let session = expect_context::<Session>();
    let state = session.panel;
    let go = move |screen: Screen, label: Text| {
        view! {
            <button
                type="button"
                aria-current=move || (state.screen.get() == screen).then_some("page")
                on:click=move |_| state.show(screen)
            >
                {t(label)}
            </button>
        }
    };
    view! {
        <nav class="community" aria-label=t(Text::CommunityNav)>
            {go(Screen::Ask, Text::NavAsk)}
            {show(
                move || session.visitor.with(Option::is_some),
                move || go(Screen::Mine, Text::NavMine).into_any(),
            )}
            {go(Screen::Leaders, Text::NavLeaders)}
            {show(
                move || session.helper_token.with(Option::is_some),
                move || go(Screen::Helper, Text::NavHelperDesk).into_any(),
            )}
        </nav>
        <HelpersOnline />
    }
}

/// The screen being shown.
#[component]
fn Body(search_input: NodeRef<Input>, sign_in_error: RwSignal<Option<String>>) -> impl IntoView {
    let session = expect_context::<Session>();
    let state = session.panel;
    // Owned here rather than by the results, so coming back from a thread shows them at once.
    // The pinned suggestions are fetched once the panel first opens: a page whose visitor
    // never opens it makes no request.
    let opened = latch(move || state.open.get());
    let search = use_search(session.api(), state.searched, Some(opened));
    let on_select = Callback::new(move |id| state.open_thread(id));
    let on_ask = Callback::new(move |()| state.show(Screen::Ask));
    let on_contact = Callback::new(move |()| state.show(Screen::Escalate(EscalateFrom::Panel)));
    let on_back = Callback::new(move |()| {
        let back = state.back.get_untracked();
        state.show(back);
        // The search box shows again with the results, on the next frame.
        if back == Screen::Results {
            focus_next_frame(search_input);
        }
    });
    let on_retry = Callback::new(move |()| search.refetch());
    let searched = state.searched;
    move || match state.screen.get() {
        Screen::Results => {
            let outcome = Signal::derive(move || search.get());
            let listbox = state.results;
            view! { <SearchResults searched outcome on_select on_retry on_ask on_contact listbox /> }
                .into_any()
        }
        Screen::Thread(id) => {
            let query = Some(searched.get_untracked()).filter(|query| !query.is_empty());
            view! { <ThreadLoader id query on_back /> }.into_any()
        }
        Screen::Ask => view! { <AskForm title=searched.get_untracked() /> }.into_any(),
        Screen::Mine => view! { <MyQuestions /> }.into_any(),
        Screen::Leaders => view! { <LeaderboardView /> }.into_any(),
        Screen::Helper => view! { <HelperDesk sign_in_error /> }.into_any(),
        Screen::Escalate(from) => view! { <EscalateForm from /> }.into_any(),
    }
}

/// The brand colour and its text colour, or neutral ones if either isn't a `#rrggbb` colour:
/// a malformed value must not leave the header's text unreadable.
fn brand_colours(config: Option<&SiteConfig>) -> (String, String) {
    let valid = |config: &&SiteConfig| {
        Rgb::parse_hex(&config.color).is_some() && Rgb::parse_hex(&config.text_color).is_some()
    };
    match config.filter(valid) {
        Some(config) => (config.color.clone(), config.text_color.clone()),
        None => (FALLBACK_COLOURS.0.to_owned(), FALLBACK_COLOURS.1.to_owned()),
    }
}
