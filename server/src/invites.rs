//! Inviting a helper, shared by `POST /helper-invites` and `peerhelp helper invite`: a single-
//! use code (stored hashed) in a link that opens the widget in helper sign-in on a brand page.

use peerhelp_api::Invite;

use crate::error::{AppError, AppResult};
use crate::secrets::{TokenKind, new_token};
use crate::store::Store;
use crate::validate;

/// The fragment the widget looks for: a fragment never reaches the brand's server or logs.
pub const INVITE_FRAGMENT: &str = "#peerhelp-invite=";

/// Invites `name` to help on the site, as the site's administrator; the link opens
/// `page_url`, or the site's default page.
pub async fn issue(
    store: &Store,
    site_id: i64,
    name: &str,
    page_url: Option<&str>,
) -> AppResult<Invite> {
    issue_by(store, site_id, None, name, page_url).await
}

/// [`issue`] as staff admin `by` (for the audit log; `None` for the site's administrator).
pub async fn issue_by(
    store: &Store,
    site_id: i64,
    by: Option<i64>,
    name: &str,
    page_url: Option<&str>,
) -> AppResult<Invite> {
    let name = validate::name("name", name)?;
    let page = match validate::page_url("page_url", page_url)? {
        Some(page) => page,
        None => store.default_invite_page(site_id).await?.ok_or_else(|| {
            AppError::InvalidInput(
                "the site has no allowed origin to open the invite on: give a page_url".to_owned(),
            )
        })?,
    };
    let code = new_token(TokenKind::Invite);
    let invite = store.create_invite(site_id, by, &name, &code).await?;
    Ok(Invite {
        url: format!("{page}{INVITE_FRAGMENT}{code}"),
        code,
        expires_at: invite.expires_at,
    })
}
