//! Asking other sites whether an address still answers, politely: at most two requests at a
//! time to one host and eight in all, HEAD first (GET only where HEAD is refused), redirects
//! followed up to five, a `Retry-After` of up to a minute waited for before the one retry,
//! and a User-Agent that says who asks. Blocking requests on a few threads: a check asks a
//! few hundred addresses at most, which needs no async runtime.

use std::collections::HashMap;
use std::sync::{Condvar, Mutex};
use std::time::Duration;

use ureq::http::StatusCode;

/// Requests at a time to one host, and in all.
const PER_HOST: usize = 2;
const IN_ALL: usize = 8;
const MAX_REDIRECTS: u32 = 5;
/// The longest `Retry-After` waited for; a server asking for more is not asked again.
const LONGEST_WAIT: Duration = Duration::from_secs(60);
/// The wait before the retry when a busy server does not say how long.
const DEFAULT_WAIT: Duration = Duration::from_secs(2);

/// What an address gave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// The status of the last answer, after redirects (and after the retry, if any).
    Status(u16),
    /// No answer, and why.
    Failed(String),
}

impl Outcome {
    /// A dead link: an error status (but 429, which says "not now"), or no answer.
    pub fn is_dead(&self) -> bool {
        match self {
            Outcome::Status(status) => *status >= 400 && *status != 429,
            Outcome::Failed(_) => true,
        }
    }

    /// For a reader: `404 Not Found`, or why there was no answer.
    pub fn describe(&self) -> String {
        match self {
            Outcome::Status(status) => {
                let reason = StatusCode::from_u16(*status)
                    .ok()
                    .and_then(|s| s.canonical_reason());
                match reason {
                    Some(reason) => format!("answers {status} {reason}"),
                    None => format!("answers {status}"),
                }
            }
            Outcome::Failed(why) => why.clone(),
        }
    }
}

pub struct Client {
    agent: ureq::Agent,
    timeout: Duration,
}

impl Client {
    pub fn new(timeout: Duration) -> Client {
        let config = ureq::Agent::config_builder()
            .timeout_global(Some(timeout))
            .http_status_as_error(false)
            .max_redirects(MAX_REDIRECTS)
            .user_agent(format!(
                "handbook/{} (link check of a mentoring handbook)",
                env!("CARGO_PKG_VERSION")
            ))
            .build();
        Client {
            agent: config.into(),
            timeout,
        }
    }

    /// Asks every address (each once), several at a time; the outcomes in the same order.
    pub fn check_all(&self, urls: &[String]) -> Vec<Outcome> {
        let hosts: Vec<Option<String>> = urls.iter().map(|u| host(u)).collect();
        // As browsers send them: spaces and other characters a request line cannot carry,
        // percent-encoded.
        let urls: Vec<String> = urls
            .iter()
            .map(|u| url::Url::parse(u).map_or_else(|_| u.clone(), String::from))
            .collect();
        let mut outcomes: Vec<Option<Outcome>> = vec![None; urls.len()];
        let mut pending = Vec::new();
        for (i, host) in hosts.iter().enumerate() {
            match host {
                Some(_) => pending.push(i),
                None => outcomes[i] = Some(Outcome::Failed("not a valid address".to_string())),
            }
        }
        let queue = Queue {
            state: Mutex::new((pending, HashMap::new())),
            freed: Condvar::new(),
        };
        let results = Mutex::new(outcomes);
        std::thread::scope(|scope| {
            for _ in 0..IN_ALL.min(urls.len()) {
                scope.spawn(|| {
                    while let Some(i) = queue.next(&hosts) {
                        let outcome = self.check(&urls[i]);
                        lock(&results)[i] = Some(outcome);
                        queue.done(hosts[i].as_deref().unwrap_or_default());
                    }
                });
            }
        });
        let results = results.into_inner().unwrap_or_else(|p| p.into_inner());
        results
            .into_iter()
            .map(|o| o.unwrap_or_else(|| Outcome::Failed("not checked".to_string())))
            .collect()
    }

    /// One address, with the one retry a busy server (429, 503) is given.
    pub fn check(&self, url: &str) -> Outcome {
        let (outcome, wait) = self.ask(url);
        match outcome {
            Outcome::Status(429 | 503) => match wait {
                Some(wait) if wait > LONGEST_WAIT => outcome,
                _ => {
                    std::thread::sleep(wait.unwrap_or(DEFAULT_WAIT));
                    self.ask(url).0
                }
            },
            _ => outcome,
        }
    }

    /// HEAD, then GET where HEAD is refused; the outcome and the `Retry-After` asked for.
    fn ask(&self, url: &str) -> (Outcome, Option<Duration>) {
        let head = self.agent.head(url).call();
        let refused = match &head {
            Ok(response) => matches!(response.status().as_u16(), 403 | 405 | 501),
            Err(ureq::Error::Io(err)) => err.kind() == std::io::ErrorKind::ConnectionReset,
            Err(_) => false,
        };
        // The body of a GET is never read: the status is all that is asked.
        let answer = if refused {
            self.agent.get(url).call()
        } else {
            head
        };
        match answer {
            Ok(response) => {
                let wait = response
                    .headers()
                    .get("retry-after")
                    .and_then(|v| v.to_str().ok())
                    .and_then(|v| retry_after(v, std::time::SystemTime::now()));
                (Outcome::Status(response.status().as_u16()), wait)
            }
            Err(err) => (Outcome::Failed(self.why(&err)), None),
        }
    }

    fn why(&self, err: &ureq::Error) -> String {
        match err {
            ureq::Error::Timeout(_) => {
                format!("gives no answer within {} s", self.timeout.as_secs_f64())
            }
            ureq::Error::HostNotFound => "names a host that is not found (DNS)".to_string(),
            // The system's resolver says so in an error of its own.
            ureq::Error::Io(io) if io.to_string().contains("lookup address") => {
                "names a host that is not found (DNS)".to_string()
            }
            ureq::Error::TooManyRedirects => {
                format!("redirects more than {MAX_REDIRECTS} times")
            }
            ureq::Error::Io(io) if io.kind() == std::io::ErrorKind::ConnectionRefused => {
                "refuses the connection".to_string()
            }
            ureq::Error::Tls(_) | ureq::Error::Rustls(_) => {
                format!("fails to open a secure connection ({err})")
            }
            other => format!("fails ({other})"),
        }
    }
}

/// Which address may be asked next: the first pending one whose host has a free slot.
struct Queue {
    /// Addresses not yet asked (indexes, in order) and requests under way per host.
    state: Mutex<(Vec<usize>, HashMap<String, usize>)>,
    freed: Condvar,
}

impl Queue {
    /// The next address to ask, waiting while every pending one's host is busy; none when
    /// all have been taken.
    fn next(&self, hosts: &[Option<String>]) -> Option<usize> {
        let mut state = lock(&self.state);
        loop {
            let (pending, busy) = &mut *state;
            if pending.is_empty() {
                return None;
            }
            let host_of = |i: usize| hosts[i].as_deref().unwrap_or_default();
            let free = pending
                .iter()
                .position(|&i| busy.get(host_of(i)).copied().unwrap_or(0) < PER_HOST);
            if let Some(at) = free {
                let i = pending.remove(at);
                *busy.entry(host_of(i).to_string()).or_insert(0) += 1;
                return Some(i);
            }
            state = self.freed.wait(state).unwrap_or_else(|p| p.into_inner());
        }
    }

    fn done(&self, host: &str) {
        if let Some(count) = lock(&self.state).1.get_mut(host) {
            *count = count.saturating_sub(1);
        }
        self.freed.notify_all();
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|p| p.into_inner())
}

/// The host (and port) requests to `url` go to; none for an address that is not http(s).
fn host(url: &str) -> Option<String> {
    let parsed = url::Url::parse(url).ok()?;
    if !matches!(parsed.scheme(), "http" | "https") {
        return None;
    }
    let host = parsed.host_str()?;
    Some(match parsed.port_or_known_default() {
        Some(port) => format!("{host}:{port}"),
        None => host.to_string(),
    })
}

/// A `Retry-After` value: seconds, or an HTTP date (`Sun, 06 Nov 1994 08:49:37 GMT`) from
/// which the wait is counted from `now`.
fn retry_after(value: &str, now: std::time::SystemTime) -> Option<Duration> {
    let value = value.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let at = http_date(value)?;
    let now = now.duration_since(std::time::UNIX_EPOCH).ok()?.as_secs();
    Some(Duration::from_secs(at.saturating_sub(now)))
}

/// Unix seconds of an IMF-fixdate, the form HTTP dates are sent in.
fn http_date(value: &str) -> Option<u64> {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let mut parts = value.split_once(", ")?.1.split(' ');
    let day: u64 = parts.next()?.parse().ok()?;
    let month_name = parts.next()?;
    let month = MONTHS.iter().position(|m| *m == month_name)? as u64 + 1;
    let year: u64 = parts.next()?.parse().ok()?;
    let mut clock = parts.next()?.split(':').map(|p| p.parse::<u64>().ok());
    let (h, m, s) = (clock.next()??, clock.next()??, clock.next()??);
    if parts.next() != Some("GMT") || year < 1970 || !(1..=31).contains(&day) {
        return None;
    }
    // Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm, years from March).
    let (y, mo) = if month <= 2 {
        (year - 1, month + 9)
    } else {
        (year, month - 3)
    };
    let era = y / 400;
    let yoe = y - era * 400;
    let doy = (153 * mo + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = (era * 146_097 + doe).checked_sub(719_468)?;
    Some(days * 86_400 + h * 3600 + m * 60 + s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_after_is_read_in_seconds_and_as_a_date() {
        let now = std::time::UNIX_EPOCH + Duration::from_secs(784_111_777);
        assert_eq!(retry_after("120", now), Some(Duration::from_secs(120)));
        let date = "Sun, 06 Nov 1994 08:49:37 GMT";
        assert_eq!(http_date(date), Some(784_111_777));
        assert_eq!(
            retry_after("Sun, 06 Nov 1994 08:50:07 GMT", now),
            Some(Duration::from_secs(30))
        );
        assert_eq!(
            retry_after("Thu, 01 Jan 1970 00:00:00 GMT", now),
            Some(Duration::ZERO)
        );
        assert_eq!(
            http_date("Thu, 29 Feb 2024 00:00:00 GMT"),
            Some(1_709_164_800)
        );
        assert_eq!(retry_after("soon", now), None);
    }

    #[test]
    fn hosts_are_told_apart_by_name_and_port() {
        assert_eq!(host("https://a.org/x").as_deref(), Some("a.org:443"));
        assert_eq!(
            host("http://127.0.0.1:8080/").as_deref(),
            Some("127.0.0.1:8080")
        );
        assert_eq!(host("mailto:a@b.org"), None);
        assert_eq!(host("https://"), None);
    }

    #[test]
    fn dead_is_an_error_status_or_no_answer() {
        assert!(!Outcome::Status(200).is_dead());
        assert!(!Outcome::Status(429).is_dead());
        assert!(Outcome::Status(404).is_dead());
        assert!(Outcome::Status(503).is_dead());
        assert!(Outcome::Failed("x".into()).is_dead());
        assert_eq!(Outcome::Status(404).describe(), "answers 404 Not Found");
    }
}
