//! `parse`: an IP address as text, read exactly as `std`'s `IpAddr::from_str` reads it, for the
//! rate limit's client key (`rate_limit.rs`) and the test clock's loopback check (`clock.rs`).
//!
//! Why not `IpAddr::from_str`: with it come `std`'s address parser and its `Display`, 4 KiB of
//! the Worker's wasm for a header and a host name. This is the same grammar (the tests hold it against `std`
//! on every shape and on random text): IPv4 as four decimal octets without leading zeros, IPv6
//! as up to eight hexadecimal groups, one `::` for a run of zeros, and an IPv4 address in the
//! last two groups; nothing else around them.

/// An address: IPv4's four octets, or IPv6's eight groups.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ip {
    V4([u8; 4]),
    V6([u16; 8]),
}

impl Ip {
    /// `127.0.0.0/8` or `::1`, as `IpAddr::is_loopback` says.
    pub fn is_loopback(&self) -> bool {
        match self {
            Ip::V4([first, ..]) => *first == 127,
            Ip::V6(groups) => *groups == [0, 0, 0, 0, 0, 0, 0, 1],
        }
    }
}

/// `text` as an address, or `None` when it is not one (as `IpAddr::from_str` answers).
pub fn parse(text: &str) -> Option<Ip> {
    let bytes = text.as_bytes();
    let mut at = 0;
    if let Some(v4) = ipv4(bytes, &mut at) {
        return (at == bytes.len()).then_some(Ip::V4(v4));
    }
    let mut at = 0;
    let v6 = ipv6(bytes, &mut at)?;
    (at == bytes.len()).then_some(Ip::V6(v6))
}

/// Four octets separated by dots; `at` moves past them only when all four are read.
fn ipv4(bytes: &[u8], at: &mut usize) -> Option<[u8; 4]> {
    let mut next = *at;
    let mut octets = [0_u8; 4];
    for (index, octet) in octets.iter_mut().enumerate() {
        if index > 0 {
            if bytes.get(next) != Some(&b'.') {
                return None;
            }
            next += 1;
        }
        *octet = u8::try_from(number(bytes, &mut next, 10, 3, false)?).ok()?;
    }
    *at = next;
    Some(octets)
}

/// Eight groups, or fewer around one `::`, the last two of either side possibly an IPv4
/// address (not before the `::`); `at` moves past them only when they are read.
fn ipv6(bytes: &[u8], at: &mut usize) -> Option<[u16; 8]> {
    let mut next = *at;
    let mut head = [0_u16; 8];
    let (head_size, head_ipv4) = groups(bytes, &mut next, &mut head);
    if head_size == 8 {
        *at = next;
        return Some(head);
    }
    if head_ipv4 || bytes.get(next..next + 2) != Some(b"::".as_slice()) {
        return None;
    }
    next += 2;
    let mut tail = [0_u16; 7];
    let limit = 8 - (head_size + 1);
    let (tail_size, _) = groups(bytes, &mut next, &mut tail[..limit]);
    head[8 - tail_size..].copy_from_slice(&tail[..tail_size]);
    *at = next;
    Some(head)
}

/// Reads groups separated by `:` into `slots` for as long as they come; how many were read, and
/// whether the last two were an IPv4 address. A separator not followed by a group is left unread.
fn groups(bytes: &[u8], at: &mut usize, slots: &mut [u16]) -> (usize, bool) {
    let limit = slots.len();
    for index in 0..limit {
        let mut next = *at;
        let separated = index == 0 || {
            let colon = bytes.get(next) == Some(&b':');
            next += 1;
            colon
        };
        if !separated {
            return (index, false);
        }
        if index < limit - 1 {
            let mut after = next;
            if let Some([a, b, c, d]) = ipv4(bytes, &mut after) {
                slots[index] = u16::from_be_bytes([a, b]);
                slots[index + 1] = u16::from_be_bytes([c, d]);
                *at = after;
                return (index + 2, true);
            }
        }
        match number(bytes, &mut next, 16, 4, true) {
            Some(group) => {
                slots[index] = group as u16;
                *at = next;
            }
            None => return (index, false),
        }
    }
    (limit, false)
}

/// Digits in `radix` at `at`: at least one and at most `max_digits`, whose value fits 16 bits;
/// without `zero_prefix` a number of two digits or more may not start with 0. `at` moves past
/// them only when they are read.
fn number(
    bytes: &[u8],
    at: &mut usize,
    radix: u32,
    max_digits: usize,
    zero_prefix: bool,
) -> Option<u32> {
    let mut next = *at;
    let mut value = 0_u32;
    while let Some(digit) = bytes.get(next).and_then(|&b| char::from(b).to_digit(radix)) {
        value = value * radix + digit;
        next += 1;
        if next - *at > max_digits {
            return None;
        }
    }
    let count = next - *at;
    if count == 0 || (!zero_prefix && count > 1 && bytes[*at] == b'0') {
        return None;
    }
    *at = next;
    Some(value)
}

#[cfg(test)]
mod tests {
    use super::{parse, Ip};
    use std::net::IpAddr;

    /// What `std` reads, in this module's terms.
    fn std_parse(text: &str) -> Option<Ip> {
        match text.parse::<IpAddr>().ok()? {
            IpAddr::V4(address) => Some(Ip::V4(address.octets())),
            IpAddr::V6(address) => Some(Ip::V6(address.segments())),
        }
    }

    #[test]
    fn addresses_read_as_std_reads_them() {
        for (text, loopback) in [
            ("127.0.0.1", true),
            ("127.255.0.9", true),
            ("::1", true),
            ("0:0:0:0:0:0:0:1", true),
            ("::ffff:127.0.0.1", false),
            ("128.0.0.1", false),
            ("::", false),
        ] {
            let address = parse(text).expect("an address");
            let std: IpAddr = text.parse().expect("an address");
            assert_eq!(
                (address.is_loopback(), std.is_loopback()),
                (loopback, loopback),
                "{text}"
            );
        }
        for text in [
            "203.0.113.7",
            "0.0.0.0",
            "255.255.255.255",
            "256.0.0.1",
            "01.2.3.4",
            "1.2.3",
            "1.2.3.4.5",
            "1.2.3.4 ",
            " 1.2.3.4",
            "1.2.3.04",
            "1.2.3.0",
            "1..2.3",
            "1.2.3.4:80",
            "1000.2.3.4",
            "2001:db8:1:2:aaaa::1",
            "2001:db8:1:2:ffff:ffff:ffff:ffff",
            "::",
            "::1",
            "1::",
            "1::2",
            "::ffff:192.0.2.1",
            "64:ff9b::192.0.2.33",
            "1:2:3:4:5:6:1.2.3.4",
            "1:2:3:4:5:6:7:1.2.3.4",
            "1.2.3.4::",
            "1:2:3:4:5:6:7:8",
            "1:2:3:4:5:6:7:8:9",
            "1:2:3:4:5:6:7::",
            "::1:2:3:4:5:6:7",
            "::1:2:3:4:5:6:7:8",
            "1:2:3:4::5:6:7:8",
            ":::",
            "1:::2",
            "1::2::3",
            "12345::",
            "abcd::EF01",
            "g::",
            "::ffff:1.2.3",
            "::ffff:1.2.3.4.5",
            ":1::",
            "1:",
            "1::2:",
            "[::1]",
            "fe80::1%eth0",
            "0000:0000::00001",
            "::0:0.0.0.0",
            "1:2:3:4:5:6:7:8.1.1.1",
            "",
            ":",
            ".",
        ] {
            assert_eq!(parse(text), std_parse(text), "{text:?}");
        }
    }

    /// Random text from the characters addresses are made of, with a fixed seed.
    #[test]
    fn random_text_reads_as_std_reads_it() {
        let alphabet = b"0123456789abcdefABCDEF:.:.::0g ";
        let mut state: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for _ in 0..200_000 {
            let length = (next() % 24) as usize;
            let text: String = (0..length)
                .map(|_| char::from(alphabet[(next() % alphabet.len() as u64) as usize]))
                .collect();
            assert_eq!(parse(&text), std_parse(&text), "{text:?}");
        }
    }
}
