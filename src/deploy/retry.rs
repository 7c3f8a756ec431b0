//! One reconnect-with-backoff loop for FTP and SFTP: an operation whose connection drops
//! is run again on a new connection, after 1, 2 and 4 seconds; anything else the host
//! says stops at once.

use super::Error;
use crate::diagnostics::Code;
use std::time::Duration;

/// Waits before each new try after a lost connection.
pub const BACKOFF: [Duration; 3] = [Duration::from_secs(1), Duration::from_secs(2), Duration::from_secs(4)];

/// How one try of an operation ended, when it did not succeed.
pub enum Fault {
    /// The connection dropped (the operation closed it): open again and try again.
    Lost(Error),
    /// The host answered no: stop.
    Failed(Error),
}

/// Runs `op` on `conn`. `open` makes sure `conn` is connected (doing nothing if it is);
/// when `op` or `open` says the connection is lost, both run again after the next wait of
/// [`BACKOFF`], until the waits run out.
pub fn reconnecting<C, T>(
    conn: &mut C,
    open: impl Fn(&mut C) -> Result<(), Error>,
    mut op: impl FnMut(&mut C) -> Result<T, Fault>,
) -> Result<T, Error> {
    reconnecting_with(conn, open, &mut op, &BACKOFF, std::thread::sleep)
}

fn reconnecting_with<C, T>(
    conn: &mut C,
    open: impl Fn(&mut C) -> Result<(), Error>,
    op: &mut impl FnMut(&mut C) -> Result<T, Fault>,
    backoff: &[Duration],
    mut sleep: impl FnMut(Duration),
) -> Result<T, Error> {
    let mut waits = backoff.iter();
    loop {
        let tried = match open(conn) {
            Ok(()) => op(conn),
            Err(e) if e.code == Code::PublishConnectionLost => Err(Fault::Lost(e)),
            Err(e) => Err(Fault::Failed(e)),
        };
        match tried {
            Ok(v) => return Ok(v),
            Err(Fault::Failed(e)) => return Err(e),
            Err(Fault::Lost(e)) => match waits.next() {
                Some(wait) => sleep(*wait),
                None => return Err(e),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A connection that drops `drops` times, then works; `opens` counts connections made.
    struct Line {
        up: bool,
        drops: usize,
        opens: usize,
        refuse_open: bool,
    }

    fn open(l: &mut Line) -> Result<(), Error> {
        if l.up {
            return Ok(());
        }
        if l.refuse_open {
            return Err(Error::new(Code::PublishLoginFailed, "no"));
        }
        l.opens += 1;
        l.up = true;
        Ok(())
    }

    fn op(l: &mut Line) -> Result<u8, Fault> {
        if l.drops > 0 {
            l.drops -= 1;
            l.up = false;
            return Err(Fault::Lost(Error::new(Code::PublishConnectionLost, "cut")));
        }
        Ok(7)
    }

    fn run(line: &mut Line) -> (Result<u8, Error>, Vec<Duration>) {
        let mut slept = Vec::new();
        let r = reconnecting_with(line, open, &mut op, &BACKOFF, |d| slept.push(d));
        (r, slept)
    }

    #[test]
    fn a_dropped_connection_is_opened_again_after_growing_waits() {
        let mut line = Line { up: true, drops: 2, opens: 0, refuse_open: false };
        let (r, slept) = run(&mut line);
        assert_eq!(r.unwrap(), 7);
        assert_eq!(line.opens, 2);
        assert_eq!(slept, BACKOFF[..2]);
    }

    #[test]
    fn the_waits_run_out_with_the_last_loss() {
        let mut line = Line { up: true, drops: 9, opens: 0, refuse_open: false };
        let (r, slept) = run(&mut line);
        assert_eq!(r.unwrap_err().code, Code::PublishConnectionLost);
        assert_eq!(slept, BACKOFF);
        assert_eq!(line.opens, 3);
    }

    #[test]
    fn a_refusal_stops_at_once() {
        let mut line = Line { up: false, drops: 0, opens: 0, refuse_open: true };
        let (r, slept) = run(&mut line);
        assert_eq!(r.unwrap_err().code, Code::PublishLoginFailed);
        assert!(slept.is_empty());
        let mut ok = Line { up: true, drops: 0, opens: 0, refuse_open: false };
        let failed = reconnecting_with(
            &mut ok,
            open,
            &mut |_: &mut Line| -> Result<u8, Fault> {
                Err(Fault::Failed(Error::new(Code::PublishDiskFull, "full")))
            },
            &BACKOFF,
            |_| panic!("no wait after a refusal"),
        );
        assert_eq!(failed.unwrap_err().code, Code::PublishDiskFull);
    }
}
