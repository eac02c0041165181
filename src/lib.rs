//! PeerHelp widget (being written).
