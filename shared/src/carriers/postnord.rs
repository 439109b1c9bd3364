//! PostNord: Delivery Options (bywarehouse), Service Points v5 and OAuth2. Being written.
