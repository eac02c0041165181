//! The console's frame: signed out it shows the sign-in; signed in, the bar and the screen
//! chosen there.

use leptos::prelude::*;
use leptos::task::spawn_local;
use peerhelp_api::{StaffMember, StaffRole};

use crate::api::Client;
use crate::audit::AuditLogView;
use crate::i18n::t;
use crate::insights::InsightsView;
use crate::install::InstallView;
use crate::live::Live;
use crate::moderation::ModerationView;
use crate::peers::HelpersView;
use crate::privacy::PrivacyView;
use crate::queue::QueueView;
use crate::session::{Signed, kept_token, remember, remembered_site};
use crate::settings::SettingsView;
use crate::sign_in::SignIn;
use crate::staff::StaffView;
use crate::threads::ThreadsView;
use crate::ticket::TicketView;
use crate::webhooks::WebhooksView;

/// What the console shows.
#[derive(Clone, Debug, PartialEq)]
enum Screen {
    Queue,
    Ticket(String),
    Threads,
    Install,
    Moderation,
    Helpers,
    Insights,
    Settings,
    Webhooks,
    Privacy,
    Staff,
    Audit,
}

#[component]
pub fn App() -> impl IntoView {
    let signed = RwSignal::new(None::<Signed>);
    // A kept session is checked with the server before use: it may have expired.
    if let (Some(site), Some(token)) = (remembered_site(), kept_token()) {
        let client = Client::new(&site, Some(token));
        spawn_local(async move {
            match client.get::<StaffMember>("/staff/me").await {
                Ok(staff) => signed.set(Some(Signed {
                    site,
                    client,
                    staff,
                })),
                Err(_) => remember(None),
            }
        });
    }
    move || match signed.get() {
        None => view! { <SignIn signed /> }.into_any(),
        Some(session) => view! { <Workspace session signed /> }.into_any(),
    }
}

/// The bar and the screen chosen in it.
#[component]
fn Workspace(session: Signed, signed: RwSignal<Option<Signed>>) -> impl IntoView {
    let screen = RwSignal::new(Screen::Queue);
    let live = Live::connect(&session.client);
    provide_context(live);
    let client = session.client.clone();
    let sign_out = move |_| {
        let client = client.clone();
        spawn_local(async move { client.sign_out().await });
        remember(None);
        signed.set(None);
    };
    let admin = session.staff.role == StaffRole::Admin;
    let me = session.staff.id;
    let open_ticket = Callback::new(move |reference| screen.set(Screen::Ticket(reference)));
    let client = session.client.clone();
    let site = session.site.clone();
    let body = move || match screen.get() {
        Screen::Queue => {
            view! { <QueueView client=client.clone() on_open=open_ticket /> }.into_any()
        }
        Screen::Ticket(reference) => {
            let on_back = Callback::new(move |()| screen.set(Screen::Queue));
            view! { <TicketView client=client.clone() reference on_back me /> }.into_any()
        }
        Screen::Threads => view! { <ThreadsView client=client.clone() /> }.into_any(),
        Screen::Install => {
            view! { <InstallView client=client.clone() site=site.clone() /> }.into_any()
        }
        Screen::Moderation => view! { <ModerationView client=client.clone() /> }.into_any(),
        Screen::Helpers => view! { <HelpersView client=client.clone() admin /> }.into_any(),
        Screen::Insights => view! { <InsightsView client=client.clone() /> }.into_any(),
        Screen::Settings => view! { <SettingsView client=client.clone() /> }.into_any(),
        Screen::Webhooks => view! { <WebhooksView client=client.clone() /> }.into_any(),
        Screen::Privacy => view! { <PrivacyView client=client.clone() /> }.into_any(),
        Screen::Staff => view! { <StaffView client=client.clone() me /> }.into_any(),
        Screen::Audit => view! { <AuditLogView client=client.clone() /> }.into_any(),
    };
    // On a narrow screen the navigation folds into a menu, closed again once a page is chosen.
    let menu_open = RwSignal::new(false);
    let go = move |to: Screen, label: &'static str| {
        // A ticket is part of the escalations.
        let current = {
            let to = to.clone();
            move || {
                let shown = match screen.get() {
                    Screen::Ticket(_) => Screen::Queue,
                    shown => shown,
                };
                (shown == to).then_some("page")
            }
        };
        view! {
            <button type="button" aria-current=current on:click=move |_| {
                screen.set(to.clone());
                menu_open.set(false);
            }>{label}</button>
        }
    };
    view! {
        <header class="bar">
            <h1>"PeerHelp · " {session.site.clone()}</h1>
            <button type="button" class="menu" aria-controls="console-nav"
                aria-expanded=move || menu_open.get().to_string()
                on:click=move |_| menu_open.update(|open| *open = !*open)>
                {t("nav.menu")}
            </button>
            <nav id="console-nav" aria-label=t("nav.label") class:open=move || menu_open.get()>
                {go(Screen::Queue, t("nav.escalations"))}
                {go(Screen::Threads, t("nav.threads"))}
                {go(Screen::Moderation, t("nav.moderation"))}
                {go(Screen::Helpers, t("nav.helpers"))}
                {go(Screen::Insights, t("nav.insights"))}
                {admin.then(|| view! {
                    {go(Screen::Install, t("nav.install"))}
                    {go(Screen::Settings, t("nav.settings"))}
                    {go(Screen::Webhooks, t("nav.webhooks"))}
                    {go(Screen::Privacy, t("nav.privacy"))}
                    {go(Screen::Staff, t("nav.staff"))}
                    {go(Screen::Audit, t("nav.audit"))}
                })}
                <span class="who muted">{session.staff.name.clone()}</span>
                <button type="button" on:click=sign_out>{t("nav.sign_out")}</button>
            </nav>
        </header>
        <main>
            {move || live.lost.get().then(|| view! { <p class="error" role="alert">{t("live.lost")}</p> })}
            {body}
        </main>
    }
}
