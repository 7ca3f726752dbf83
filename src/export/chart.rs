//! Terminal charts (`track show`): one series against the plan's path from
//! baseline to target, the target level and the projected trend, drawn
//! into a grid of text cells with a labelled y axis (top, bottom, target)
//! and an x axis with as many of the given periods as fit, each with a tick.
//!
//! Glyphs. Unicode mode draws the lines in braille (2×4 dots per cell:
//! the plan's path solid, the projection dashed), the target level as `─`
//! and the observed values as `●`. ASCII mode has one dot per cell: `.`
//! path, `~` projection, `-` target, `*` values, and `|`, `+`, `-` for the
//! axes. Where layers share a cell the more important one shows (values,
//! then projection, then path, then target), so a value is never hidden.
//!
//! Which mode is the caller's choice, made once in [`use_ascii`]: `--ascii`
//! always gives ASCII; output that is not a terminal (a pipe, a file, a
//! test) is always Unicode, whatever the environment says, so the same
//! command writes the same bytes everywhere; only a terminal is asked
//! whether it can show Unicode (`TERM=dumb`, or a locale that is not
//! UTF-8, falls back to ASCII).
//!
//! Invariants: pure (the same [`Chart`] and [`Options`] give the same
//! lines); every coordinate is clamped into the grid and non-finite
//! numbers are dropped, so no input makes it panic; lines carry no
//! trailing spaces; tick labels are expected in narrow (ASCII) characters
//! (periods are), wider ones only misalign.

use anstyle::{AnsiColor, Style};

/// A point in data space: x in years (a period's position), y in the unit.
pub type Xy = (f64, f64);

/// What to draw.
#[derive(Debug, Clone, Default)]
pub struct Chart {
    /// Observed values, in period order.
    pub points: Vec<Xy>,
    /// The plan's linear path, baseline → target at the deadline.
    pub path: Option<[Xy; 2]>,
    /// Target levels, each a horizontal line (two for a range).
    pub targets: Vec<f64>,
    /// The trend line, from the latest value to the deadline.
    pub projection: Option<[Xy; 2]>,
    /// Periods to name on the x axis (as many as fit), with their labels.
    pub ticks: Vec<(f64, String)>,
}

/// How to draw it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// Plot cells, without the axes.
    pub width: usize,
    pub height: usize,
    /// ASCII characters only.
    pub ascii: bool,
    /// Emit ANSI colours (callers strip them where unwanted).
    pub color: bool,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            width: 60,
            height: 12,
            ascii: false,
            color: false,
        }
    }
}

/// The names of the layers, for [`legend`].
#[derive(Debug, Clone, Copy)]
pub struct Legend<'a> {
    pub points: &'a str,
    pub path: &'a str,
    pub target: &'a str,
    pub projection: &'a str,
}

/// Whether to draw in ASCII: `--ascii`, or a terminal that cannot show
/// Unicode. Output that is not a terminal never consults the
/// environment (see the module doc); `var` looks a variable up.
pub fn use_ascii(flag: bool, terminal: bool, var: impl Fn(&str) -> Option<String>) -> bool {
    if flag {
        return true;
    }
    if !terminal {
        return false;
    }
    var("TERM").is_some_and(|t| t == "dumb") || !utf8_locale(var)
}

/// Whether the locale is UTF-8, from `LC_ALL`, `LC_CTYPE`, `LANG` in POSIX
/// order (the first one set decides); none set counts as UTF-8, today's
/// default nearly everywhere.
pub fn utf8_locale(var: impl Fn(&str) -> Option<String>) -> bool {
    for name in ["LC_ALL", "LC_CTYPE", "LANG"] {
        if let Some(v) = var(name).filter(|v| !v.is_empty()) {
            let v = v.to_ascii_lowercase();
            return v.contains("utf-8") || v.contains("utf8");
        }
    }
    true
}

/// What occupies a cell, in priority order (a later one wins the cell).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Layer {
    Empty,
    Target,
    Path,
    Projection,
    Point,
}

impl Layer {
    fn style(self) -> Style {
        let c = |c: AnsiColor| Style::new().fg_color(Some(c.into()));
        match self {
            Layer::Empty => Style::new(),
            Layer::Target => c(AnsiColor::Green),
            Layer::Path => c(AnsiColor::Blue),
            Layer::Projection => c(AnsiColor::Yellow),
            Layer::Point => c(AnsiColor::Cyan).bold(),
        }
    }

    fn glyph(self, ascii: bool) -> char {
        match (self, ascii) {
            (Layer::Empty, _) => ' ',
            (Layer::Target, false) => '─',
            (Layer::Target, true) => '-',
            (Layer::Path, _) => '.',
            (Layer::Projection, _) => '~',
            (Layer::Point, false) => '●',
            (Layer::Point, true) => '*',
        }
    }
}

/// Braille dot bits by sub-column (0..2) and sub-row (0..4) of a cell.
const BRAILLE: [[u8; 4]; 2] = [[0x01, 0x02, 0x04, 0x40], [0x08, 0x10, 0x20, 0x80]];

/// The cells, and the scales from data to sub-cell coordinates.
struct Grid {
    w: usize,
    h: usize,
    /// Sub-cells per cell: 2×4 in braille, 1×1 in ASCII.
    sx: usize,
    sy: usize,
    x: (f64, f64),
    y: (f64, f64),
    bits: Vec<u8>,
    layer: Vec<Layer>,
}

impl Grid {
    fn gx(&self, x: f64) -> usize {
        let (x0, x1) = self.x;
        scale((x - x0) / (x1 - x0), self.w * self.sx - 1)
    }

    fn gy(&self, y: f64) -> usize {
        let (lo, hi) = self.y;
        scale((hi - y) / (hi - lo), self.h * self.sy - 1)
    }

    fn index(&self, gx: usize, gy: usize) -> usize {
        (gy / self.sy).min(self.h - 1) * self.w + (gx / self.sx).min(self.w - 1)
    }

    fn mark(&mut self, i: usize, layer: Layer) {
        self.layer[i] = self.layer[i].max(layer);
    }

    /// One sub-cell of a line.
    fn dot(&mut self, gx: usize, gy: usize, layer: Layer) {
        let i = self.index(gx, gy);
        if self.sx == 2 {
            self.bits[i] |= BRAILLE[gx % 2][gy % 4];
        }
        self.mark(i, layer);
    }

    /// A straight line between two data points, one dot per step of the
    /// longer axis; `dashed` leaves out two dots of every five.
    fn line(&mut self, [a, b]: [Xy; 2], layer: Layer, dashed: bool) {
        let (c0, r0) = (self.gx(a.0) as f64, self.gy(a.1) as f64);
        let (c1, r1) = (self.gx(b.0) as f64, self.gy(b.1) as f64);
        let n = (c1 - c0).abs().max((r1 - r0).abs()) as usize;
        for i in 0..=n {
            if dashed && i % 5 >= 3 {
                continue;
            }
            let f = if n == 0 { 0.0 } else { i as f64 / n as f64 };
            let c = (c0 + (c1 - c0) * f).round().max(0.0) as usize;
            let r = (r0 + (r1 - r0) * f).round().max(0.0) as usize;
            self.dot(c, r, layer);
        }
    }

    fn glyph(&self, i: usize, ascii: bool) -> char {
        let layer = self.layer[i];
        if !ascii && self.bits[i] != 0 && layer != Layer::Point {
            return char::from_u32(0x2800 + u32::from(self.bits[i])).unwrap_or(' ');
        }
        layer.glyph(ascii)
    }
}

/// `f` in [0, 1] onto 0..=n, rounded and clamped; NaN goes to 0.
fn scale(f: f64, n: usize) -> usize {
    if !f.is_finite() {
        return 0;
    }
    (f.clamp(0.0, 1.0) * n as f64).round() as usize
}

fn finite(p: &Xy) -> bool {
    p.0.is_finite() && p.1.is_finite()
}

/// The lines of the chart that hold finite numbers only.
fn segments(chart: &Chart) -> (Option<[Xy; 2]>, Option<[Xy; 2]>) {
    let ok = |s: &[Xy; 2]| s.iter().all(finite);
    (chart.path.filter(ok), chart.projection.filter(ok))
}

/// The smallest and largest of some numbers; a flat range is widened so
/// that it sits in the middle of the frame.
fn range(values: impl Iterator<Item = f64>) -> Option<(f64, f64)> {
    let (lo, hi) = values.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
        (lo.min(v), hi.max(v))
    });
    if !(lo.is_finite() && hi.is_finite()) {
        return None;
    }
    if hi > lo {
        return Some((lo, hi));
    }
    let pad = if lo == 0.0 { 1.0 } else { lo.abs() / 20.0 };
    Some((lo - pad, hi + pad))
}

/// Draw the chart: the plot rows with their y axis, the x axis and the
/// tick labels. No finite value to draw gives no lines. `label` writes a y
/// value (top, bottom, target) as the axis shows it.
// Long by design: one pass over the rows of the terminal plot, which the
// series, the path, the projection and the target lines all share (a cell
// holds whichever is drawn last), then the axes under the same scale.
pub fn draw(chart: &Chart, opts: &Options, label: &dyn Fn(f64) -> String) -> Vec<String> {
    let points: Vec<Xy> = chart.points.iter().copied().filter(finite).collect();
    let (path, projection) = segments(chart);
    let targets: Vec<f64> = chart
        .targets
        .iter()
        .copied()
        .filter(|t| t.is_finite())
        .collect();
    let (w, h) = (opts.width, opts.height);
    if points.is_empty() || w == 0 || h == 0 {
        return Vec::new();
    }
    let lines = path.iter().chain(projection.iter()).flatten();
    let ticks = chart.ticks.iter().filter(|t| t.0.is_finite());
    let Some(x) = range(
        points
            .iter()
            .chain(lines.clone())
            .map(|p| p.0)
            .chain(ticks.map(|t| t.0)),
    ) else {
        return Vec::new();
    };
    let ys = points
        .iter()
        .chain(lines)
        .map(|p| p.1)
        .chain(targets.iter().copied());
    let Some(y) = range(ys) else {
        return Vec::new();
    };
    let (sx, sy) = if opts.ascii { (1, 1) } else { (2, 4) };
    let mut g = Grid {
        w,
        h,
        sx,
        sy,
        x,
        y,
        bits: vec![0; w * h],
        layer: vec![Layer::Empty; w * h],
    };
    let target_rows: Vec<(usize, f64)> = targets.iter().map(|&t| (g.gy(t) / sy, t)).collect();
    for &(r, _) in &target_rows {
        for c in 0..w {
            g.mark(r.min(h - 1) * w + c, Layer::Target);
        }
    }
    if let Some(seg) = path {
        g.line(seg, Layer::Path, false);
    }
    if let Some(seg) = projection {
        g.line(seg, Layer::Projection, !opts.ascii);
    }
    for &(px, py) in &points {
        let i = g.index(g.gx(px), g.gy(py));
        g.mark(i, Layer::Point);
    }

    // Y labels: the top at the top, the bottom at the bottom, targets on their rows.
    let mut labels: Vec<Option<String>> = vec![None; h];
    labels[0] = Some(label(y.1));
    labels[h - 1] = Some(label(y.0));
    for &(r, t) in &target_rows {
        labels[r.min(h - 1)] = Some(label(t));
    }
    let lw = labels
        .iter()
        .flatten()
        .map(|l| l.chars().count())
        .max()
        .unwrap_or(0);
    let (tick, bar, corner, rule, xtick) = if opts.ascii {
        ('+', '|', '+', '-', '+')
    } else {
        ('┤', '│', '└', '─', '┬')
    };
    let mut out = Vec::with_capacity(h + 2);
    for (r, l) in labels.iter().enumerate() {
        let mut line = match l {
            Some(l) => format!("{l:>lw$} {tick}"),
            None => format!("{:lw$} {bar}", ""),
        };
        // Up to the last drawn cell: no trailing spaces.
        let used = (0..w).rev().find(|&c| g.layer[r * w + c] != Layer::Empty);
        let mut run = Layer::Empty;
        for c in used.map_or(0..0, |u| 0..u + 1) {
            let i = r * w + c;
            if opts.color && g.layer[i] != run {
                line.push_str(&format!("{:#}{}", run.style(), g.layer[i].style()));
                run = g.layer[i];
            }
            line.push(g.glyph(i, opts.ascii));
        }
        if opts.color && run != Layer::Empty {
            line.push_str(&format!("{:#}", run.style()));
        }
        out.push(line);
    }
    let cols: Vec<(usize, &str)> = chart
        .ticks
        .iter()
        .filter(|t| t.0.is_finite())
        .map(|(tx, l)| ((g.gx(*tx) / sx).min(w - 1), l.as_str()))
        .collect();
    let (tick_line, marks) = tick_labels(&cols, w);
    let mut axis: Vec<char> = vec![rule; w];
    for c in marks {
        axis[c] = xtick;
    }
    out.push(format!(
        "{:lw$} {corner}{}",
        "",
        axis.iter().collect::<String>()
    ));
    if !tick_line.is_empty() {
        out.push(format!("{:lw$}  {tick_line}", ""));
    }
    out
}

/// The tick labels in a line of `w` columns, each centred under its
/// tick where it fits without touching another: the last first (the
/// deadline matters most), then the first, then the others in order.
/// Also the columns of the ticks that got a label: only those are marked
/// on the axis, so monthly data does not turn the axis into a comb.
fn tick_labels(cols: &[(usize, &str)], w: usize) -> (String, Vec<usize>) {
    let mut order: Vec<usize> = (0..cols.len()).collect();
    if let Some(last) = order.pop() {
        order.insert(0, last);
    }
    let mut placed: Vec<(usize, usize, &str, usize)> = Vec::new(); // start, end (exclusive), label, tick
    for i in order {
        let (c, l) = cols[i];
        let n = l.chars().count();
        if n == 0 || n > w {
            continue;
        }
        let start = c.saturating_sub(n / 2).min(w - n);
        let end = start + n;
        if placed.iter().all(|&(s, e, _, _)| end < s || start > e) {
            placed.push((start, end, l, c));
        }
    }
    placed.sort_by_key(|p| p.0);
    let mut line = String::new();
    let mut at = 0;
    for &(s, e, l, _) in &placed {
        line.push_str(&" ".repeat(s - at));
        line.push_str(l);
        at = e;
    }
    (line, placed.iter().map(|p| p.3).collect())
}

/// One line naming the layers the chart has, each with its glyph.
pub fn legend(chart: &Chart, opts: &Options, names: &Legend) -> String {
    let (path_seg, projection_seg) = segments(chart);
    let point = Layer::Point.glyph(opts.ascii).to_string();
    let target = Layer::Target.glyph(opts.ascii).to_string().repeat(2);
    let (path, projection) = if opts.ascii {
        ("..", "~~")
    } else {
        ("⠤⠤", "⠤ ⠤")
    };
    let has_target = chart.targets.iter().any(|t| t.is_finite());
    let parts: Vec<String> = [
        (true, Layer::Point, point.as_str(), names.points),
        (path_seg.is_some(), Layer::Path, path, names.path),
        (has_target, Layer::Target, target.as_str(), names.target),
        (
            projection_seg.is_some(),
            Layer::Projection,
            projection,
            names.projection,
        ),
    ]
    .into_iter()
    .filter(|p| p.0)
    .map(|(_, layer, glyphs, name)| {
        // A plain style writes nothing, its reset neither.
        let st = if opts.color {
            layer.style()
        } else {
            Style::new()
        };
        format!("{st}{glyphs}{st:#} {name}")
    })
    .collect();
    parts.join("   ")
}

#[cfg(test)]
mod tests;
