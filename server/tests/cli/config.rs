//! `--config FILE` (`PEERHELP_CONFIG`): a TOML file keyed by the long flag names. A flag beats
//! the environment, which beats the file, which beats the defaults; a file with any mistake is
//! refused before anything runs, the error naming the file and the key.

use std::path::Path;
use std::process::Output;

use crate::runner::*;

/// Runs `peerhelp` in the test's folder with only these `PEERHELP_` variables, so the
/// database it uses is the one the arguments, the variables or the file name.
fn peerhelp_in(cli: &Cli, args: &[&str], envs: &[(&str, &str)]) -> Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_peerhelp"))
        .args(args)
        .current_dir(cli.path(""))
        .env_remove("PEERHELP_DATABASE_URL")
        .env_remove("PEERHELP_CONFIG")
        .envs(envs.iter().copied())
        .output()
        .expect("run peerhelp")
}

#[tokio::test]
async fn a_flag_beats_the_environment_which_beats_the_file() {
    let cli = Cli::new().await;
    let url = |name: &str| format!("sqlite://{}", cli.path(name));
    let config = cli.file(
        "peerhelp.toml",
        &format!("database-url = {:?}\n", url("from-file.db")),
    );
    let env_url = url("from-env.db");
    let from_env = ("PEERHELP_DATABASE_URL", env_url.as_str());

    // The file named by the environment, as by the flag.
    stdout(&peerhelp_in(
        &cli,
        &["migrate"],
        &[("PEERHELP_CONFIG", &config)],
    ));
    assert!(Path::new(&cli.path("from-file.db")).exists());
    stdout(&peerhelp_in(
        &cli,
        &["--config", &config, "migrate"],
        &[from_env],
    ));
    assert!(Path::new(&cli.path("from-env.db")).exists());
    let flag = url("from-flag.db");
    let args = ["migrate", "--config", &config, "--database-url", &flag];
    stdout(&peerhelp_in(&cli, &args, &[from_env]));
    assert!(Path::new(&cli.path("from-flag.db")).exists());
    assert!(
        !Path::new(&cli.path("peerhelp.db")).exists(),
        "the default was never used"
    );
}

#[tokio::test]
async fn serve_runs_on_a_valid_file_under_its_flags_and_environment() {
    let cli = Cli::new().await;
    let token = "0123456789abcdef0123456789abcdef";
    let config = cli.file(
        "peerhelp.toml",
        &format!(
            r#"# The environment's database and the flag's address win over these two.
database-url = "sqlite:///no-such-folder/peerhelp.db"
addr = "192.0.2.1:80"
widget-dir = "no-such-dir"
console-dir = "no-such-dir"
demo = false
mail-from = "Acme Help <help@acme.test>"
trusted-proxy = ["10.0.0.0/8", "192.168.0.0/16"]
allow-private-webhooks = true
rate-limits = "search=600/min"
header-read-timeout = 5
request-timeout = "20"
max-connections = 500
metrics-token = "{token}"
log-format = "text"
"#
        ),
    );
    let mut server = cli.serve(&["--config", &config], &[]).await;
    // The file's metrics token is the server's.
    let metrics = server.metrics(token).await;
    assert_eq!(metrics.status(), 200);
    server.child.kill().await.unwrap();
}

#[tokio::test]
async fn a_file_with_a_mistake_is_refused_before_anything_runs_naming_the_file_and_the_key() {
    let cli = Cli::new().await;
    let cases: &[(&str, &[&str])] = &[
        ("addr = \n", &["is not valid TOML", "line 1"]),
        (
            "adr = \"127.0.0.1:0\"\n",
            &["unknown key \"adr\"", "did you mean \"addr\""],
        ),
        ("config = \"other.toml\"\n", &["unknown key \"config\""]),
        (
            "[serve]\naddr = \"127.0.0.1:0\"\n",
            &["unknown key \"serve\"", "the keys are", "database-url"],
        ),
        (
            "demo = \"yes\"\n",
            &["demo: expected true or false, found string"],
        ),
        ("addr = 8080\n", &["addr: expected a string, found integer"]),
        (
            "max-connections = 1.5\n",
            &["max-connections: expected a whole number, found float"],
        ),
        (
            "trusted-proxy = [10]\n",
            &["trusted-proxy: expected an array of strings"],
        ),
        (
            "addr = \"nowhere\"\n",
            &["addr: invalid value 'nowhere'", "invalid socket address"],
        ),
        (
            "header-read-timeout = 0\n",
            &["header-read-timeout: invalid value '0'", "0 is not in 1.."],
        ),
        (
            "log-format = \"yaml\"\n",
            &["log-format: invalid value 'yaml'", "text, json"],
        ),
        (
            "trusted-proxy = [\"10.0.0.0/8\", \"proxy.local\"]\n",
            &["trusted-proxy: invalid value 'proxy.local'"],
        ),
        (
            "rate-limits = \"search=fast\"\n",
            &["rate-limits: invalid value 'search=fast'"],
        ),
    ];
    let database = format!("sqlite://{}", cli.path("never.db"));
    for (n, (text, expected)) in cases.iter().enumerate() {
        let config = cli.file(&format!("bad-{n}.toml"), text);
        let args = ["--config", &config, "--database-url", &database, "migrate"];
        let error = failure(&peerhelp_in(&cli, &args, &[]));
        assert!(error.contains(&config), "{text:?} → {error}");
        for fragment in *expected {
            assert!(error.contains(fragment), "{text:?} → {error}");
        }
    }
    let missing = cli.path("missing.toml");
    let args = ["--config", &missing, "--database-url", &database, "migrate"];
    let error = failure(&peerhelp_in(&cli, &args, &[]));
    assert!(
        error.contains(&format!("cannot read the configuration file {missing}")),
        "{error}"
    );
    assert!(!Path::new(&cli.path("never.db")).exists(), "nothing ran");
}

#[tokio::test]
async fn serves_keys_are_known_to_every_command_and_used_by_serve_only() {
    let cli = Cli::new().await;
    let database = format!("sqlite://{}", cli.path("cli.db"));
    let config = cli.file(
        "peerhelp.toml",
        &format!("database-url = {database:?}\naddr = \"192.0.2.1:80\"\n"),
    );
    let migrated = stdout(&peerhelp_in(&cli, &["--config", &config, "migrate"], &[]));
    assert!(migrated.contains("migrations"), "{migrated}");
}
