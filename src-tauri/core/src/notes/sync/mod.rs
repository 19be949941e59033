//! Sync of the reader's notes through a folder the reader already syncs (Syncthing, Dropbox,
//! a network share): never the live notes.sqlite, only files each installation appends and
//! renames into place, one folder per device, merged into each device's own notes.
//!
//! The pure parts, from the bottom up: [`device`] (who wrote), [`hlc`] (when, as a hybrid
//! logical clock), [`record`] (one change), [`segment`] (a file of one device's records,
//! read whole or not at all), [`folder`] (a device's log read from where we left off, up to
//! the first gap), and [`rule`] (what the notes are, given every record: the merge rule).
//! Then the local side, in notes.sqlite: [`outbox`] (this device's id and clock, the records
//! of its own writes waiting to go to the folder), [`versions`] (what the rule keeps), [`apply`]
//! (other devices' records merged into the notes), [`compact`] (a device's log rewritten as
//! what still counts), [`status`] (the folder, the other devices, the conflicts) and [`run`]
//! (one sync: send, read, merge, compact).

pub mod apply;
pub mod compact;
pub mod device;
pub mod folder;
pub mod hlc;
pub mod outbox;
pub mod record;
pub mod rule;
pub mod run;
pub mod segment;
pub mod status;
pub mod versions;

pub use device::DeviceId;
pub use hlc::{Clock, Hlc};
pub use record::{AnnotationState, Change, Record};
pub use rule::State;
pub use run::SyncReport;
pub use status::{Conflict, Peer, SyncStatus};
