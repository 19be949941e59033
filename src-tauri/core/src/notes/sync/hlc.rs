//! The hybrid logical clock every change is stamped with: wall-clock milliseconds, a counter
//! for changes within the same millisecond (or while the wall clock stands still or goes
//! back), and the device id, which breaks the last ties. Stamps are totally ordered (wall,
//! then counter, then device id) and respect what each device has seen: a change made after
//! receiving another is stamped later than it, whatever the wall clocks say.
//!
//! A device whose wall clock runs fast would otherwise drag every other clock forward with
//! it, for good: a clock never goes back. So [`Clock::receive`] refuses a stamp more than
//! [`MAX_AHEAD_MS`] ahead of our wall clock (see [`Ahead`]); the caller holds that device's
//! changes back and says so, and they apply unchanged once our clock catches up or theirs is
//! set right. What is applied is always applied at the stamp it was written with, so every
//! device orders the same changes the same way.
//!
//! The text form, `{wall:012x}-{counter:08x}-{device}`, sorts like the stamps themselves.

use super::device::DeviceId;
use crate::error::{Error, ErrorKind, Result};
use serde::{Deserialize, Serialize};
use std::fmt;

/// How far ahead of our wall clock another device's stamp may be before it is refused: a day.
pub const MAX_AHEAD_MS: u64 = 24 * 60 * 60 * 1000;
/// The largest wall time a stamp holds (12 hex digits: the year 10889), so the text form
/// keeps its width and its order.
pub const MAX_WALL: u64 = (1 << 48) - 1;

/// One stamp. Field order is the order: wall, counter, device.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Hlc {
    /// Milliseconds since the Unix epoch, as the clock knows them.
    pub wall: u64,
    pub counter: u32,
    pub device: DeviceId,
}

/// A stamp from another device too far ahead of our wall clock to be let move ours.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ahead {
    pub stamp: Hlc,
    /// How far ahead of our wall clock it is, in milliseconds.
    pub by_ms: u64,
}

impl fmt::Display for Ahead {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "device `{}` stamps its changes {:.1} hours ahead of this computer's clock \
             (more than {} hours): its changes wait until one of the two clocks is set right",
            self.stamp.device,
            self.by_ms as f64 / 3_600_000.0,
            MAX_AHEAD_MS / 3_600_000
        )
    }
}

impl From<Ahead> for Error {
    fn from(a: Ahead) -> Error {
        Error::new(ErrorKind::Invalid, a.to_string())
    }
}

/// One device's clock: the last stamp it gave or saw. Kept across runs (in notes.sqlite), so
/// it never gives a stamp lower than one it gave before.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clock {
    last: Hlc,
}

impl Clock {
    /// A new device's clock, before its first change.
    pub fn new(device: DeviceId) -> Clock {
        Clock {
            last: Hlc {
                wall: 0,
                counter: 0,
                device,
            },
        }
    }

    /// The clock as it was left: `last` is the last stamp it gave or saw.
    pub fn resume(last: Hlc) -> Clock {
        Clock { last }
    }

    /// The last stamp given or seen, to keep.
    pub fn last(&self) -> &Hlc {
        &self.last
    }

    /// The stamp of a change made now (`now_ms`, our wall clock): later than every stamp given
    /// or seen before, and at the wall clock when that is later still.
    pub fn tick(&mut self, now_ms: u64) -> Hlc {
        let now = now_ms.min(MAX_WALL);
        if now > self.last.wall {
            (self.last.wall, self.last.counter) = (now, 0);
        } else {
            self.bump(self.last.wall, self.last.counter);
        }
        self.last.clone()
    }

    /// Takes in another device's stamp, so that our next change is stamped after it. Refused,
    /// leaving the clock as it was, when it is more than [`MAX_AHEAD_MS`] ahead of `now_ms`.
    pub fn receive(&mut self, remote: &Hlc, now_ms: u64) -> std::result::Result<(), Ahead> {
        let now = now_ms.min(MAX_WALL);
        if remote.wall > now.saturating_add(MAX_AHEAD_MS) {
            return Err(Ahead {
                stamp: remote.clone(),
                by_ms: remote.wall - now,
            });
        }
        let (wall, counter) = (self.last.wall, self.last.counter);
        let top = wall.max(remote.wall).max(now);
        if top == wall && top == remote.wall {
            self.bump(top, counter.max(remote.counter));
        } else if top == wall {
            self.bump(top, counter);
        } else if top == remote.wall {
            self.bump(top, remote.counter);
        } else {
            (self.last.wall, self.last.counter) = (top, 0);
        }
        Ok(())
    }

    /// Sets the clock just past `(wall, counter)`; a full counter moves to the next
    /// millisecond rather than wrap.
    fn bump(&mut self, wall: u64, counter: u32) {
        (self.last.wall, self.last.counter) = match counter.checked_add(1) {
            Some(c) => (wall, c),
            None => ((wall + 1).min(MAX_WALL), 0),
        };
    }
}

impl fmt::Display for Hlc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:012x}-{:08x}-{}", self.wall, self.counter, self.device)
    }
}

impl Hlc {
    /// A stamp from its text form, or why `text` is none.
    pub fn parse(text: &str) -> Result<Hlc> {
        let bad = |why: &str| {
            Error::new(
                ErrorKind::Invalid,
                format!("`{}` is not a clock stamp: {why}", text.escape_debug()),
            )
        };
        let hex = |part: &str, width: usize| {
            if part.len() == width && part.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')) {
                u64::from_str_radix(part, 16).ok()
            } else {
                None
            }
        };
        let wall = text.get(..12).and_then(|p| hex(p, 12));
        let counter = text.get(13..21).and_then(|p| hex(p, 8));
        let dashes = text.get(12..13) == Some("-") && text.get(21..22) == Some("-");
        match (wall, counter, dashes) {
            (Some(wall), Some(counter), true) => Ok(Hlc {
                wall,
                counter: counter as u32,
                device: DeviceId::parse(&text[22..]).map_err(|e| bad(&e.message))?,
            }),
            _ => Err(bad(
                "expected 12 hex digits, `-`, 8 hex digits, `-`, a device id",
            )),
        }
    }
}

impl TryFrom<String> for Hlc {
    type Error = Error;
    fn try_from(text: String) -> Result<Hlc> {
        Hlc::parse(&text)
    }
}

impl From<Hlc> for String {
    fn from(h: Hlc) -> String {
        h.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn dev(name: &str) -> DeviceId {
        DeviceId::parse(name).unwrap()
    }

    fn stamp(wall: u64, counter: u32, device: &str) -> Hlc {
        Hlc {
            wall,
            counter,
            device: dev(device),
        }
    }

    #[test]
    fn ticks_always_rise_even_when_the_wall_clock_goes_back() {
        let mut c = Clock::new(dev("a"));
        let t1 = c.tick(1_000);
        let t2 = c.tick(1_000);
        let t3 = c.tick(500);
        let t4 = c.tick(2_000);
        assert_eq!(t1, stamp(1_000, 0, "a"));
        assert_eq!(t2, stamp(1_000, 1, "a"));
        assert_eq!(t3, stamp(1_000, 2, "a"));
        assert_eq!(t4, stamp(2_000, 0, "a"));
    }

    #[test]
    fn a_full_counter_moves_to_the_next_millisecond() {
        let mut c = Clock::resume(stamp(7, u32::MAX, "a"));
        assert_eq!(c.tick(3), stamp(8, 0, "a"));
    }

    #[test]
    fn a_change_after_receiving_is_stamped_after_what_was_received() {
        let mut c = Clock::new(dev("a"));
        c.tick(1_000);
        // Their clock is an hour ahead: within the bound, so ours follows.
        let theirs = stamp(1_000 + 3_600_000, 5, "b");
        c.receive(&theirs, 1_001).unwrap();
        let next = c.tick(1_002);
        assert!(next > theirs, "{next} after {theirs}");
        assert_eq!(next, stamp(1_000 + 3_600_000, 7, "a"));
        // Same wall on both sides: the larger counter, plus one.
        let mut c = Clock::resume(stamp(50, 9, "a"));
        c.receive(&stamp(50, 3, "b"), 10).unwrap();
        assert_eq!(c.last(), &stamp(50, 10, "a"));
        // Our wall clock ahead of both: it wins, counter from zero.
        c.receive(&stamp(60, 3, "b"), 70).unwrap();
        assert_eq!(c.last(), &stamp(70, 0, "a"));
    }

    #[test]
    fn a_stamp_more_than_a_day_ahead_is_refused_and_moves_nothing() {
        let mut c = Clock::new(dev("a"));
        c.tick(1_000);
        let before = c.clone();
        let far = stamp(1_000 + MAX_AHEAD_MS + 1, 0, "b");
        let err = c.receive(&far, 1_000).unwrap_err();
        assert_eq!(err.by_ms, MAX_AHEAD_MS + 1);
        assert_eq!(c, before);
        assert!(err.to_string().contains("device `b`"), "{err}");
        assert!(c
            .receive(&stamp(1_000 + MAX_AHEAD_MS, 0, "b"), 1_000)
            .is_ok());
    }

    #[test]
    fn ties_are_broken_by_device_id() {
        assert!(stamp(5, 1, "a") < stamp(5, 1, "b"));
        assert!(stamp(5, 1, "b") < stamp(5, 2, "a"));
        assert!(stamp(5, 9, "z") < stamp(6, 0, "a"));
    }

    #[test]
    fn bad_text_is_refused_with_what_it_is() {
        for bad in [
            "",
            "0000000003e8-00000000-",
            "0000000003e8-00000000",
            "3e8-0-a",
            "0000000003E8-00000000-a",
            "0000000003e8_00000000-a",
            "0000000003e8-00000000-A",
            "0000000003e8-0000000g-a",
        ] {
            let err = Hlc::parse(bad).unwrap_err();
            assert!(err.message.contains("is not a clock stamp"), "{bad}: {err}");
        }
    }

    fn any_stamp() -> impl Strategy<Value = Hlc> {
        (0..=MAX_WALL, any::<u32>(), "[a-z0-9][a-z0-9-]{0,8}").prop_map(|(w, c, d)| Hlc {
            wall: w,
            counter: c,
            device: dev(&d),
        })
    }

    proptest! {
        #[test]
        fn the_text_form_reads_back_and_sorts_like_the_stamps(a in any_stamp(), b in any_stamp()) {
            prop_assert_eq!(Hlc::parse(&a.to_string()).unwrap(), a.clone());
            prop_assert_eq!(a.to_string().cmp(&b.to_string()), a.cmp(&b));
        }

        #[test]
        fn what_a_clock_gives_rises_whatever_it_receives(
            steps in proptest::collection::vec((any::<bool>(), 0u64..5_000, 0u64..10_000, any::<u32>()), 1..40)
        ) {
            let mut c = Clock::new(dev("a"));
            let mut last = c.last().clone();
            for (local, now, wall, counter) in steps {
                if local {
                    let t = c.tick(now);
                    prop_assert!(t > last);
                    last = t;
                } else {
                    let theirs = stamp(wall, counter, "b");
                    c.receive(&theirs, now).unwrap();
                    let t = c.tick(now);
                    prop_assert!(t > theirs && t > last);
                    last = t;
                }
            }
        }
    }
}
