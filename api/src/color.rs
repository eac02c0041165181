//! Brand colours: parsing `#rrggbb` and choosing a text colour that stays readable on them.

/// An sRGB colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    /// Parses `#rgb` or `#rrggbb` (case-insensitive); anything else is `None`.
    pub fn parse_hex(text: &str) -> Option<Rgb> {
        let hex = text.strip_prefix('#')?;
        if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        let channel = |s: &str| u8::from_str_radix(s, 16).ok();
        match hex.len() {
            3 => {
                let d: Vec<u8> = hex
                    .bytes()
                    .map(|b| (b as char).to_digit(16).unwrap_or(0) as u8)
                    .collect();
                Some(Rgb(d[0] * 17, d[1] * 17, d[2] * 17))
            }
            6 => Some(Rgb(
                channel(&hex[0..2])?,
                channel(&hex[2..4])?,
                channel(&hex[4..6])?,
            )),
            _ => None,
        }
    }

    /// `#rrggbb`, lower case.
    pub fn to_hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }

    /// WCAG 2 relative luminance, 0.0 (black) to 1.0 (white).
    pub fn relative_luminance(self) -> f64 {
        let linear = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.04045 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * linear(self.0) + 0.7152 * linear(self.1) + 0.0722 * linear(self.2)
    }

    /// WCAG 2 contrast ratio between two colours, 1.0 to 21.0.
    pub fn contrast_ratio(self, other: Rgb) -> f64 {
        let (a, b) = (self.relative_luminance(), other.relative_luminance());
        (a.max(b) + 0.05) / (a.min(b) + 0.05)
    }
}

const WHITE: Rgb = Rgb(255, 255, 255);
const BLACK: Rgb = Rgb(0, 0, 0);

/// The text colour (white or black) with the higher contrast on `background`. Pure black, not a
/// softer near-black, because only black and white together guarantee WCAG AA (4.5:1) on every
/// brand colour a site may pick.
pub fn readable_text_color(background: Rgb) -> Rgb {
    if background.contrast_ratio(WHITE) >= background.contrast_ratio(BLACK) {
        WHITE
    } else {
        BLACK
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_short_and_long_hex() {
        assert_eq!(Rgb::parse_hex("#fff"), Some(WHITE));
        assert_eq!(Rgb::parse_hex("#0A7cFF"), Some(Rgb(10, 124, 255)));
        assert_eq!(Rgb::parse_hex("0a7cff"), None);
        assert_eq!(Rgb::parse_hex("#12345"), None);
        assert_eq!(Rgb::parse_hex("#ggg"), None);
    }

    #[test]
    fn picks_dark_text_on_light_brands_and_white_on_dark() {
        assert_eq!(readable_text_color(Rgb(255, 221, 0)), BLACK);
        assert_eq!(readable_text_color(Rgb(0, 70, 140)), WHITE);
        for grey in (0..=255).step_by(5) {
            for brand in [
                Rgb(grey, 0, 0),
                Rgb(0, grey, 0),
                Rgb(0, 0, grey),
                Rgb(grey, grey, grey),
            ] {
                assert!(
                    brand.contrast_ratio(readable_text_color(brand)) >= 4.5,
                    "{brand:?}"
                );
            }
        }
    }
}
