//! Staff passwords: argon2id with a per-password random salt, kept as a PHC string. Hashing is
//! deliberately slow, so it runs on the blocking pool, never on the threads serving requests.
//! Each hashing also needs argon2's memory (19 MiB with the default parameters), so only a few
//! run at once, each on a buffer kept for reuse: a burst of sign-ins queues for a permit, and
//! the process's memory stays flat instead of growing with the burst.

use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

use argon2::password_hash::{Output, ParamsString, PasswordHash, SaltString};
use argon2::{Algorithm, Argon2, Block, Params, Version};
use peerhelp_api::MIN_PASSWORD_CHARS;
use tokio::sync::Semaphore;

use crate::error::{AppError, AppResult};

/// Longest password accepted: enough for any passphrase, bounded so hashing stays cheap.
const MAX_PASSWORD_CHARS: usize = 200;

/// Checks a new password's length.
pub fn check_new(password: &str) -> AppResult<()> {
    let chars = password.chars().count();
    if (MIN_PASSWORD_CHARS..=MAX_PASSWORD_CHARS).contains(&chars) {
        Ok(())
    } else {
        Err(AppError::InvalidInput(format!(
            "password must be {MIN_PASSWORD_CHARS} to {MAX_PASSWORD_CHARS} characters"
        )))
    }
}

/// The argon2id hash of `password`, as a PHC string.
pub async fn hash(password: String) -> AppResult<String> {
    blocking(move |memory| {
        let mut salt = [0u8; 16];
        getrandom::getrandom(&mut salt).expect("the operating system's random number generator");
        let argon2 = Argon2::default();
        let mut output = [0u8; Params::DEFAULT_OUTPUT_LEN];
        argon2
            .hash_password_into_with_memory(
                password.as_bytes(),
                &salt,
                &mut output,
                memory.blocks(argon2.params()),
            )
            .map_err(|error| hashing_failed("hashing a password", error))?;
        let salt = SaltString::encode_b64(&salt).expect("16 bytes make a valid salt");
        let phc = PasswordHash {
            algorithm: Algorithm::Argon2id.ident(),
            version: Some(Version::V0x13.into()),
            params: ParamsString::try_from(argon2.params())
                .map_err(|error| hashing_failed("argon2 parameters", error))?,
            salt: Some(salt.as_salt()),
            hash: Some(Output::new(&output).expect("32 bytes make a valid output")),
        };
        Ok(phc.to_string())
    })
    .await
}

/// Whether `password` matches `stored` (a PHC string from [`hash`]); constant time.
pub async fn verify(password: String, stored: String) -> AppResult<bool> {
    blocking(move |memory| {
        let stored = PasswordHash::new(&stored)
            .map_err(|error| hashing_failed("a stored password hash", error))?;
        let expected = stored
            .hash
            .ok_or_else(|| AppError::Internal("a stored password hash has no hash".to_owned()))?;
        let algorithm = Algorithm::try_from(stored.algorithm)
            .map_err(|error| hashing_failed("a stored hash's algorithm", error))?;
        let version = stored
            .version
            .map(Version::try_from)
            .transpose()
            .map_err(|error| hashing_failed("a stored hash's version", error))?
            .unwrap_or_default();
        let params = Params::try_from(&stored)
            .map_err(|error| hashing_failed("a stored hash's parameters", error))?;
        let mut salt = [0u8; 64];
        let salt = stored
            .salt
            .ok_or_else(|| AppError::Internal("a stored password hash has no salt".to_owned()))?
            .decode_b64(&mut salt)
            .map_err(|error| hashing_failed("a stored hash's salt", error))?;
        let argon2 = Argon2::new(algorithm, version, params);
        let mut output = vec![0u8; expected.len()];
        argon2
            .hash_password_into_with_memory(
                password.as_bytes(),
                salt,
                &mut output,
                memory.blocks(argon2.params()),
            )
            .map_err(|error| hashing_failed("verifying a password", error))?;
        let computed = Output::new(&output)
            .map_err(|error| hashing_failed("a computed password hash", error))?;
        // `Output` compares in constant time.
        Ok(computed == expected)
    })
    .await
}

fn hashing_failed(what: &str, error: impl std::fmt::Display) -> AppError {
    AppError::Internal(format!("{what}: {error}"))
}

/// argon2's working memory, kept between hashings: at most one buffer per permit exists.
struct Memory(Vec<Block>);

impl Memory {
    fn blocks(&mut self, params: &Params) -> &mut [Block] {
        let needed = params.block_count();
        if self.0.len() < needed {
            self.0.resize(needed, Block::default());
        }
        &mut self.0[..needed]
    }
}

/// Buffers not in use by a hashing right now.
static SPARE_MEMORY: Mutex<Vec<Memory>> = Mutex::new(Vec::new());

/// Hashings allowed at once per CPU core: enough to keep every core busy while another
/// hashing waits on the scheduler, few enough that their memory stays small.
const HASHINGS_PER_CORE: usize = 2;

/// Hashings (and verifications) this process has started, for tests and diagnostics.
static HASHINGS_STARTED: AtomicU64 = AtomicU64::new(0);
/// Hashings running right now, and the most that ever ran at once.
static HASHINGS_RUNNING: AtomicUsize = AtomicUsize::new(0);
static PEAK_PARALLEL_HASHINGS: AtomicUsize = AtomicUsize::new(0);

/// How many hashings may run at once in this process.
pub fn max_parallel_hashings() -> usize {
    std::thread::available_parallelism().map_or(1, usize::from) * HASHINGS_PER_CORE
}

/// How many hashings or verifications this process has started.
pub fn hashings_started() -> u64 {
    HASHINGS_STARTED.load(Ordering::Relaxed)
}

/// The most hashings that ever ran at once in this process.
pub fn peak_parallel_hashings() -> usize {
    PEAK_PARALLEL_HASHINGS.load(Ordering::Relaxed)
}

fn permits() -> Arc<Semaphore> {
    static PERMITS: OnceLock<Arc<Semaphore>> = OnceLock::new();
    PERMITS
        .get_or_init(|| Arc::new(Semaphore::new(max_parallel_hashings())))
        .clone()
}

async fn blocking<T: Send + 'static>(
    work: impl FnOnce(&mut Memory) -> AppResult<T> + Send + 'static,
) -> AppResult<T> {
    let permit = permits()
        .acquire_owned()
        .await
        .map_err(|error| AppError::Internal(format!("password hashing permits: {error}")))?;
    HASHINGS_STARTED.fetch_add(1, Ordering::Relaxed);
    // The permit moves into the work, so it is held until the hashing ends even when the
    // request that asked for it is dropped meanwhile.
    tokio::task::spawn_blocking(move || {
        let _permit = permit;
        let running = HASHINGS_RUNNING.fetch_add(1, Ordering::SeqCst) + 1;
        PEAK_PARALLEL_HASHINGS.fetch_max(running, Ordering::SeqCst);
        let spare = SPARE_MEMORY.lock().expect("argon2 memory lock").pop();
        let mut memory = spare.unwrap_or(Memory(Vec::new()));
        let result = work(&mut memory);
        SPARE_MEMORY
            .lock()
            .expect("argon2 memory lock")
            .push(memory);
        HASHINGS_RUNNING.fetch_sub(1, Ordering::SeqCst);
        result
    })
    .await
    .map_err(|error| AppError::Internal(format!("password hashing stopped: {error}")))?
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn hashes_verify_only_the_same_password() {
        let stored = hash("correct horse battery".into()).await.unwrap();
        assert!(stored.starts_with("$argon2id$"));
        assert!(
            verify("correct horse battery".into(), stored.clone())
                .await
                .unwrap()
        );
        assert!(
            !verify("correct horse battery!".into(), stored.clone())
                .await
                .unwrap()
        );
        // Salted: the same password hashes differently each time.
        assert_ne!(hash("correct horse battery".into()).await.unwrap(), stored);
    }

    #[tokio::test]
    async fn hashes_agree_with_the_argon2_crates_own_format() {
        use argon2::password_hash::{PasswordHasher, PasswordVerifier};
        // Accounts created before buffers were reused keep signing in, and the other way round.
        let salt = SaltString::encode_b64(b"sixteen byte salt").unwrap();
        let older = Argon2::default()
            .hash_password(b"correct horse battery", &salt)
            .unwrap()
            .to_string();
        assert!(verify("correct horse battery".into(), older).await.unwrap());
        let ours = hash("correct horse battery".into()).await.unwrap();
        let parsed = PasswordHash::new(&ours).unwrap();
        assert!(
            Argon2::default()
                .verify_password(b"correct horse battery", &parsed)
                .is_ok()
        );
    }

    #[tokio::test(flavor = "multi_thread")]
    async fn a_burst_of_hashings_waits_for_its_turn() {
        let stored = hash("correct horse battery".into()).await.unwrap();
        let burst = (0..3 * max_parallel_hashings())
            .map(|_| tokio::spawn(verify("a wrong guess".into(), stored.clone())));
        for verified in futures_util::future::join_all(burst).await {
            assert!(!verified.unwrap().unwrap());
        }
        assert!(peak_parallel_hashings() <= max_parallel_hashings());
    }

    #[test]
    fn new_passwords_have_a_sensible_length() {
        assert!(check_new("short").is_err());
        assert!(check_new("long enough!").is_ok());
        assert!(check_new(&"x".repeat(201)).is_err());
    }
}
