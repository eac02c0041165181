//! Folding of accented Latin letters to their ASCII base, so "café" and "cafe" are one word.

/// Base letters of U+0100..=U+017F (Latin Extended-A) as ranges of the same base.
const EXTENDED_A: &[(u32, u32, &str)] = &[
    (0x100, 0x105, "a"),
    (0x106, 0x10D, "c"),
    (0x10E, 0x111, "d"),
    (0x112, 0x11B, "e"),
    (0x11C, 0x123, "g"),
    (0x124, 0x127, "h"),
    (0x128, 0x131, "i"),
    (0x132, 0x133, "ij"),
    (0x134, 0x135, "j"),
    (0x136, 0x138, "k"),
    (0x139, 0x142, "l"),
    (0x143, 0x14B, "n"),
    (0x14C, 0x151, "o"),
    (0x152, 0x153, "oe"),
    (0x154, 0x159, "r"),
    (0x15A, 0x161, "s"),
    (0x162, 0x167, "t"),
    (0x168, 0x173, "u"),
    (0x174, 0x175, "w"),
    (0x176, 0x178, "y"),
    (0x179, 0x17E, "z"),
    (0x17F, 0x17F, "s"),
];

/// Pushes `c` (already lowercase) onto `out` without its accent.
pub(super) fn push_folded(out: &mut String, c: char) {
    if c.is_ascii() {
        out.push(c);
        return;
    }
    let base = match c {
        'à'..='å' => "a",
        'æ' => "ae",
        'ç' => "c",
        'è'..='ë' => "e",
        'ì'..='ï' => "i",
        'ð' => "d",
        'ñ' => "n",
        'ò'..='ö' | 'ø' => "o",
        'ù'..='ü' => "u",
        'ý' | 'ÿ' => "y",
        'þ' => "th",
        'ß' => "ss",
        _ => {
            let code = c as u32;
            match EXTENDED_A
                .iter()
                .find(|&&(lo, hi, _)| (lo..=hi).contains(&code))
            {
                Some(&(_, _, base)) => base,
                None => {
                    out.push(c);
                    return;
                }
            }
        }
    };
    out.push_str(base);
}
