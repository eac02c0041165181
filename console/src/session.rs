//! The staff member's session in this browser: who is signed in on which site, kept in local
//! storage for the next visit.

use leptos::prelude::window;
use peerhelp_api::StaffMember;

use crate::api::Client;

const SITE_KEY: &str = "peerhelp-console:site";
const TOKEN_KEY: &str = "peerhelp-console:token";

/// A signed-in staff member and their site's API.
#[derive(Clone, Debug, PartialEq)]
pub struct Signed {
    pub site: String,
    pub client: Client,
    pub staff: StaffMember,
}

fn storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

/// Keeps the session for the next visit, or forgets it.
pub fn remember(signed: Option<&Signed>) {
    let Some(storage) = storage() else { return };
    match signed.and_then(|signed| Some((signed, signed.client.token()?))) {
        Some((signed, token)) => {
            _ = storage.set_item(SITE_KEY, &signed.site);
            _ = storage.set_item(TOKEN_KEY, token);
        }
        None => {
            _ = storage.remove_item(TOKEN_KEY);
        }
    }
}

/// The site last used in this browser.
pub fn remembered_site() -> Option<String> {
    storage()?.get_item(SITE_KEY).ok().flatten()
}

/// The session token kept from an earlier visit, to be checked with the server before use.
pub fn kept_token() -> Option<String> {
    storage()?.get_item(TOKEN_KEY).ok().flatten()
}
