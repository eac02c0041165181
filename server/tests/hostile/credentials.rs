//! Every kind of credential a caller can present to `acme`: its own visitors', helpers',
//! staff's and administrator's, its invitation codes, the other site's, and forged ones.

use peerhelp_api::{NewStaffInvite, StaffRole};
use serde_json::json;

use crate::common::{OTHER_SITE, SITE, TestServer};

/// Who presents a credential. The first five can be let in somewhere; the rest never are.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    Visitor,
    Helper,
    Agent,
    StaffAdmin,
    SiteAdmin,
    HelperInvite,
    StaffInvite,
    OtherSiteVisitor,
    OtherSiteHelper,
    OtherSiteStaffAdmin,
    OtherSiteAdmin,
    ForgedVisitor,
    ForgedHelper,
    ForgedStaff,
    ForgedSiteAdmin,
    InjectedSql,
    NotBearer,
    EmptyBearer,
}

pub const ROLES: [Role; 18] = [
    Role::Visitor,
    Role::Helper,
    Role::Agent,
    Role::StaffAdmin,
    Role::SiteAdmin,
    Role::HelperInvite,
    Role::StaffInvite,
    Role::OtherSiteVisitor,
    Role::OtherSiteHelper,
    Role::OtherSiteStaffAdmin,
    Role::OtherSiteAdmin,
    Role::ForgedVisitor,
    Role::ForgedHelper,
    Role::ForgedStaff,
    Role::ForgedSiteAdmin,
    Role::InjectedSql,
    Role::NotBearer,
    Role::EmptyBearer,
];

pub const STAFF: &[Role] = &[Role::Agent, Role::StaffAdmin];
pub const MANAGERS: &[Role] = &[Role::StaffAdmin, Role::SiteAdmin];

/// The `Authorization` header each role sends.
pub struct Credentials(Vec<(Role, String)>);

impl Credentials {
    pub fn header(&self, role: Role) -> &str {
        &self.0.iter().find(|(r, _)| *r == role).unwrap().1
    }

    /// The token alone, for the event stream's `?token=`.
    pub fn token(&self, role: Role) -> &str {
        let header = self.header(role);
        header.strip_prefix("Bearer ").unwrap_or(header)
    }
}

async fn other_site_helper(server: &TestServer) -> String {
    let globex = server.store.site_by_key(OTHER_SITE).await.unwrap().unwrap();
    let invite = peerhelp_server::invites::issue(&server.store, globex.id, "Gil", None)
        .await
        .unwrap();
    let sign_in = server
        .client
        .post(server.url(&format!("/api/v1/sites/{OTHER_SITE}/helpers/sign-in")))
        .json(&json!({"code": invite.code}));
    let (status, session) = server.send(sign_in).await;
    assert_eq!(status, 200, "{session}");
    session["token"].as_str().unwrap().to_owned()
}

async fn other_site_visitor(server: &TestServer) -> String {
    let create = server
        .client
        .post(server.url(&format!("/api/v1/sites/{OTHER_SITE}/visitors")));
    let (status, session) = server.send(create).await;
    assert_eq!(status, 201, "{session}");
    session["token"].as_str().unwrap().to_owned()
}

pub async fn credentials(server: &TestServer) -> Credentials {
    let globex = server.store.site_by_key(OTHER_SITE).await.unwrap().unwrap();
    let other_site_admin = "pa_globex-admin-token";
    server
        .store
        .set_admin_token(globex.id, other_site_admin)
        .await
        .unwrap();
    let acme = server.store.site_by_key(SITE).await.unwrap().unwrap();
    let helper_invite = peerhelp_server::invites::issue(&server.store, acme.id, "Ivo", None)
        .await
        .unwrap()
        .code;
    let invite = NewStaffInvite {
        email: "new@acme.test".into(),
        name: "New Staff".into(),
        role: StaffRole::Admin,
    };
    let staff_invite = peerhelp_server::staff_invites::issue(&server.store, acme.id, &invite)
        .await
        .unwrap()
        .code;
    let zeros = "0".repeat(64);
    let bearer = |token: &str| format!("Bearer {token}");
    let roles = [
        (Role::Visitor, bearer(&server.visitor().await)),
        (Role::Helper, bearer(&server.helper("Hana").await)),
        (
            Role::Agent,
            bearer(&server.staff("sam@acme.test", "Sam", "agent").await),
        ),
        (
            Role::StaffAdmin,
            bearer(&server.staff("ada@acme.test", "Ada", "admin").await),
        ),
        (Role::SiteAdmin, bearer(&server.admin_token)),
        (Role::HelperInvite, bearer(&helper_invite)),
        (Role::StaffInvite, bearer(&staff_invite)),
        (
            Role::OtherSiteVisitor,
            bearer(&other_site_visitor(server).await),
        ),
        (
            Role::OtherSiteHelper,
            bearer(&other_site_helper(server).await),
        ),
        (
            Role::OtherSiteStaffAdmin,
            bearer(&server.staff_of_other_site().await),
        ),
        (Role::OtherSiteAdmin, bearer(other_site_admin)),
        (Role::ForgedVisitor, bearer(&format!("pv_{zeros}"))),
        (Role::ForgedHelper, bearer(&format!("ph_{zeros}"))),
        (Role::ForgedStaff, bearer(&format!("ps_{zeros}"))),
        (Role::ForgedSiteAdmin, bearer(&format!("pa_{zeros}"))),
        (Role::InjectedSql, bearer("pv_' OR '1'='1' --")),
        (Role::NotBearer, "Basic YWRtaW46YWRtaW4=".to_owned()),
        (Role::EmptyBearer, "Bearer ".to_owned()),
    ];
    Credentials(roles.into_iter().collect())
}
