//! Charts as PNG images, for formats that cannot hold an SVG (the Word
//! report): the SVG of [`super::svg::chart`] drawn by resvg at twice its
//! size, on white, with the system's fonts (`docs/outputs.md#word-report`).
//!
//! Fonts: the system's, found by fontdb (fontconfig's directories on
//! Linux; `fonts-noto-cjk` on Debian), with the first CJK family found as
//! the generic `sans-serif`, so Latin and Chinese text come from one face.
//! Without any CJK font the chart is still drawn, its Chinese text left out
//! (resvg skips glyphs no font has), and [`Painter::cjk`] tells the caller
//! so it can say what to install. No font is shipped: a subset would miss
//! the names of the user's own plans and indicators.
//!
//! Invariants: drawing never fails the report (an SVG resvg cannot read is
//! no image); the same SVG and the same fonts give the same bytes.

use std::sync::Arc;

use resvg::tiny_skia::{Color, Pixmap, Transform};
use resvg::usvg::{self, fontdb};

/// Families with CJK glyphs, the first found serving as `sans-serif`.
const CJK_FAMILIES: &[&str] = &[
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
    "Microsoft YaHei",
    "PingFang SC",
    "Hiragino Sans GB",
    "SimHei",
    "Droid Sans Fallback",
];

/// How many image pixels a CSS pixel of the chart gets (sharp in print).
pub const SCALE: f32 = 2.0;

/// Draws SVGs with one font database, loaded once.
pub struct Painter {
    options: usvg::Options<'static>,
    cjk: Option<String>,
}

/// A drawn chart: its PNG bytes and its size in CSS pixels.
pub struct Image {
    pub png: Vec<u8>,
    pub width: u32,
    pub height: u32,
}

impl Painter {
    /// A painter with the system's fonts.
    pub fn with_system_fonts() -> Painter {
        let mut db = fontdb::Database::new();
        db.load_system_fonts();
        Painter::with_fonts(db)
    }

    /// A painter with the fonts of `db`.
    pub fn with_fonts(mut db: fontdb::Database) -> Painter {
        let cjk = CJK_FAMILIES
            .iter()
            .find(|f| {
                db.faces()
                    .any(|face| face.families.iter().any(|(n, _)| n == *f))
            })
            .map(|f| f.to_string());
        if let Some(f) = &cjk {
            db.set_sans_serif_family(f.clone());
        }
        let mut options = usvg::Options {
            languages: vec!["zh-CN".into(), "en".into()],
            fontdb: Arc::new(db),
            ..usvg::Options::default()
        };
        if let Some(f) = &cjk {
            options.font_family = f.clone();
        }
        Painter { options, cjk }
    }

    /// The CJK family the charts' text is drawn in, if the system has one.
    pub fn cjk(&self) -> Option<&str> {
        self.cjk.as_deref()
    }

    /// `svg` drawn as a PNG on white; `None` for an SVG resvg cannot read.
    pub fn png(&self, svg: &str) -> Option<Image> {
        let tree = usvg::Tree::from_str(svg, &self.options).ok()?;
        let size = tree.size();
        let (width, height) = (size.width().ceil() as u32, size.height().ceil() as u32);
        let mut pixmap = Pixmap::new(
            (width as f32 * SCALE).ceil() as u32,
            (height as f32 * SCALE).ceil() as u32,
        )?;
        // Word shows a transparent image on its page colour; charts are
        // drawn for white.
        pixmap.fill(Color::WHITE);
        resvg::render(
            &tree,
            Transform::from_scale(SCALE, SCALE),
            &mut pixmap.as_mut(),
        );
        Some(Image {
            png: pixmap.encode_png().ok()?,
            width,
            height,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SVG: &str = r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 20" width="40" height="20"><rect x="0" y="0" width="20" height="20" fill="#0969da"/><text x="22" y="14" font-family="sans-serif">达到</text></svg>"##;

    #[test]
    fn draws_at_twice_the_size_on_white_without_fonts() {
        let p = Painter::with_fonts(fontdb::Database::new());
        assert_eq!(p.cjk(), None);
        let img = p.png(SVG).expect("drawn");
        assert_eq!((img.width, img.height), (40, 20));
        assert!(img.png.starts_with(b"\x89PNG\r\n\x1a\n"));
        // The IHDR chunk: 80 × 40 pixels.
        assert_eq!(&img.png[16..24], &[0, 0, 0, 80, 0, 0, 0, 40]);
        assert_eq!(p.png(SVG).expect("drawn").png, img.png, "same bytes");
    }

    #[test]
    fn an_unreadable_svg_is_no_image() {
        let p = Painter::with_fonts(fontdb::Database::new());
        assert!(p.png("<svg").is_none());
        assert!(p.png("").is_none());
    }
}
