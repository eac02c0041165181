//! Data and context the component tests share.

use crate::common::*;
use leptos::prelude::*;
use peerhelp_api::{Thread, ThreadViewer};
use peerhelp_widget::{PanelState, Session};

pub fn thread() -> Thread {
    let mut thread = thread_with(
        vec![
            answer(
                1,
                "Yes: ask your old network for a PAC code.",
                Some("Sam"),
                true,
                4,
            ),
            answer(2, "It took two days for me.", None, false, 9),
        ],
        None,
    );
    thread.title = "Can I keep my number?".into();
    thread.body = "I'm switching networks.\n\nWill my <b>number</b> move with me?".into();
    thread
}

/// Provides the session components expect, as `mount` does; returns it.
pub fn session() -> Session {
    let session = Session::new(API, PanelState::new(), None);
    provide_context(session);
    session
}

pub fn asker() -> Option<ThreadViewer> {
    Some(ThreadViewer {
        is_asker: true,
        voted: vec![],
        flagged: vec![],
    })
}
