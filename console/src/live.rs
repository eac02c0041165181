//! The staff event stream: one EventSource for the signed-in session, so the queue, the open
//! ticket and the moderation queue reload as things happen instead of on a timer. The browser
//! reconnects on its own and sends `Last-Event-ID`; the server replays what was missed.
//! Events only name what changed: each screen reloads what it shows through the API.

use leptos::prelude::*;
use peerhelp_api::StaffEventKind;
use wasm_bindgen::{JsCast, closure::Closure};
use web_sys::{EventSource, MessageEvent};

use crate::api::Client;

/// What the stream said last.
#[derive(Clone, Debug, PartialEq)]
enum Heard {
    /// The stream (re)opened: anything may have changed before it did.
    Opened,
    /// Ticket `reference` changed.
    Ticket(String),
    /// The moderation queue changed.
    Moderation,
}

/// The session's live stream, shared by the screens (a context of the signed-in frame).
#[derive(Clone, Copy)]
pub struct Live {
    heard: RwSignal<Option<Heard>>,
    /// Whether the stream gave up (the server refused it, say a session that ended): the
    /// screens then no longer update by themselves.
    pub lost: RwSignal<bool>,
}

impl Live {
    /// Opens the stream of `client`'s session; it closes with the calling owner (sign-out).
    pub fn connect(client: &Client) -> Live {
        let heard = RwSignal::new(None);
        let lost = RwSignal::new(false);
        let stream = StoredValue::new_local(None::<Stream>);
        if let Some(url) = client.stream_url("/staff/events")
            && let Ok(source) = EventSource::new(&url)
        {
            let on_message =
                Closure::<dyn FnMut(MessageEvent)>::new(move |message: MessageEvent| {
                    let data = message.data().as_string().unwrap_or_default();
                    // An event this console does not know (from a newer server) changes nothing.
                    match serde_json::from_str::<StaffEventKind>(&data) {
                        Ok(StaffEventKind::TicketChanged { reference, .. }) => {
                            heard.set(Some(Heard::Ticket(reference)));
                        }
                        Ok(StaffEventKind::ModerationChanged { .. }) => {
                            heard.set(Some(Heard::Moderation));
                        }
                        Err(_) => {}
                    }
                });
            let on_open = Closure::<dyn FnMut()>::new(move || {
                lost.set(false);
                heard.set(Some(Heard::Opened));
            });
            // The browser retries a dropped connection itself; a closed source is given up.
            let watched = source.clone();
            let on_error = Closure::<dyn FnMut()>::new(move || {
                lost.set(watched.ready_state() == EventSource::CLOSED);
            });
            source.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
            source.set_onopen(Some(on_open.as_ref().unchecked_ref()));
            source.set_onerror(Some(on_error.as_ref().unchecked_ref()));
            stream.set_value(Some(Stream {
                source,
                _on_message: on_message,
                _on_open: on_open,
                _on_error: on_error,
            }));
        }
        on_cleanup(move || {
            if let Some(stream) = stream.write_value().take() {
                stream.source.close();
            }
        });
        Live { heard, lost }
    }

    /// Runs `reload` whenever a ticket changes (`Some(reference)`: that ticket only), and when
    /// the stream reopens.
    pub fn on_ticket(self, reference: Option<String>, reload: impl Fn() + 'static) {
        self.on(
            move |heard| match (heard, &reference) {
                (Heard::Ticket(changed), Some(wanted)) => changed == wanted,
                _ => true,
            },
            reload,
        );
    }

    /// Runs `reload` whenever the moderation queue changes, and when the stream reopens.
    pub fn on_moderation(self, reload: impl Fn() + 'static) {
        self.on(|heard| !matches!(heard, Heard::Ticket(_)), reload);
    }

    fn on(self, wanted: impl Fn(&Heard) -> bool + 'static, reload: impl Fn() + 'static) {
        let heard = self.heard;
        // What was heard before this screen opened is already in what it loaded.
        let seen = heard.get_untracked();
        Effect::new(move |previous: Option<()>| {
            let now = heard.get();
            if previous.is_none() && now == seen {
                return;
            }
            if now.as_ref().is_some_and(&wanted) {
                reload();
            }
        });
    }
}

/// An open EventSource with the handlers it calls, which must live as long as it does.
struct Stream {
    source: EventSource,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_open: Closure<dyn FnMut()>,
    _on_error: Closure<dyn FnMut()>,
}
