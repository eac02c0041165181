//! Sites, their credentials, helper invite links and staff invitations.

use crate::runner::*;

#[tokio::test]
async fn creates_sites_and_refuses_bad_or_duplicate_ones() {
    let cli = Cli::new().await;
    let created = cli.run(&[
        "site",
        "create",
        "--key",
        "acme",
        "--name",
        "Acme",
        "--origin",
        "https://Shop.Acme.test/",
    ]);
    assert!(stdout(&created).contains("created site acme"));
    assert_eq!(
        cli.count("SELECT COUNT(*) FROM site_origins WHERE origin = 'https://shop.acme.test'")
            .await,
        1
    );
    assert!(
        failure(&cli.run(&["site", "create", "--key", "acme", "--name", "Again"]))
            .contains("already exists")
    );
    assert!(
        failure(&cli.run(&["site", "create", "--key", "bad key", "--name", "B"]))
            .contains("site key")
    );
    assert!(
        failure(&cli.run(&[
            "site", "create", "--key", "ok", "--name", "B", "--origin", "nope"
        ]))
        .contains("origin")
    );
    assert_eq!(cli.count("SELECT COUNT(*) FROM sites").await, 1);
}

#[tokio::test]
async fn sites_get_credentials_that_rotate_and_helpers_get_invite_links() {
    let cli = Cli::new().await;
    let created = cli.create_site("acme", &["https://shop.acme.test"]);
    assert!(created.contains("identity secret: "), "{created}");
    assert!(created.contains("admin token: pa_"), "{created}");
    assert!(created.contains("shown only now"), "{created}");
    let admin_hash = "SELECT admin_token_hash FROM sites WHERE key = 'acme'";
    let before: String = scalar(&cli.database_url(), admin_hash).await;
    assert!(!created.contains(&before), "only the hash is stored");

    let rotated = stdout(&cli.run(&["site", "rotate-admin-token", "--key", "acme"]));
    assert!(
        rotated.contains("new admin token for acme: pa_"),
        "{rotated}"
    );
    let after: String = scalar(&cli.database_url(), admin_hash).await;
    assert_ne!(before, after);
    let secret = stdout(&cli.run(&["site", "rotate-identity-secret", "--key", "acme"]));
    assert!(
        secret.contains("new identity secret for acme: "),
        "{secret}"
    );
    assert!(
        failure(&cli.run(&["site", "rotate-admin-token", "--key", "nope"])).contains("no site")
    );

    let invite = stdout(&cli.run(&["helper", "invite", "--site", "acme", "--name", "Grace"]));
    assert!(
        invite.starts_with("https://shop.acme.test/#peerhelp-invite=pi_"),
        "{invite}"
    );
    let invite = stdout(&cli.run(&[
        "helper",
        "invite",
        "--site",
        "acme",
        "--name",
        "Ada",
        "--page",
        "https://shop.acme.test/help",
    ]));
    assert!(
        invite.starts_with("https://shop.acme.test/help#peerhelp-invite=pi_"),
        "{invite}"
    );
    assert!(
        failure(&cli.run(&["helper", "invite", "--site", "acme", "--name", " "])).contains("name")
    );
    assert_eq!(cli.count("SELECT COUNT(*) FROM helper_invites").await, 2);
}

#[tokio::test]
async fn staff_invitations_are_printed_as_codes_and_roles_are_checked() {
    let cli = Cli::new().await;
    cli.create_site("acme", &[]);
    let invite = stdout(&cli.run(&[
        "staff",
        "invite",
        "--site",
        "acme",
        "--email",
        "Kim@Acme.test",
        "--name",
        "Kim Lee",
        "--role",
        "admin",
    ]));
    assert!(invite.starts_with("pi_"), "{invite}");
    assert!(
        invite.contains("/api/v1/sites/acme/staff/accept"),
        "{invite}"
    );
    let stored =
        "SELECT COUNT(*) FROM staff_invites WHERE email = 'kim@acme.test' AND role = 'admin'";
    assert_eq!(cli.count(stored).await, 1);
    let refused = failure(&cli.run(&[
        "staff",
        "invite",
        "--site",
        "acme",
        "--email",
        "x@acme.test",
        "--name",
        "X",
        "--role",
        "owner",
    ]));
    assert!(refused.contains("use admin or agent"), "{refused}");
    let refused = failure(&cli.run(&[
        "staff",
        "invite",
        "--site",
        "acme",
        "--email",
        "not-an-email",
        "--name",
        "X",
    ]));
    assert!(refused.contains("email"), "{refused}");
    assert_eq!(cli.count("SELECT COUNT(*) FROM staff_invites").await, 1);
}
