//! Pictures drawn in the reader: the terminal's graphics protocol, a decoded picture encoded
//! for it at the size it is drawn, and drawing it in a pane with its top or bottom cut off when
//! it is scrolled partly out of view. Encoding happens off the drawing thread; drawing only
//! places what was encoded.

use std::sync::Arc;

use image::DynamicImage;
use ratatui::buffer::Buffer;
use ratatui::layout::{Rect, Size};
use ratatui::widgets::Widget;
use ratatui_image::picker::{Picker, ProtocolType};
use ratatui_image::protocol::halfblocks::Halfblocks;
use ratatui_image::sliced::{SignedPosition, SlicedImage, SlicedProtocol};
use ratatui_image::{FontSize, Resize};

use crate::images::Fit;

/// How the terminal draws pictures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Protocol {
    Kitty,
    Sixel,
    Iterm2,
    /// Unicode half blocks: two coloured pixels a cell, in any colour terminal.
    Halfblocks,
}

impl Protocol {
    pub fn name(self) -> &'static str {
        match self {
            Protocol::Kitty => "kitty",
            Protocol::Sixel => "sixel",
            Protocol::Iterm2 => "iTerm2",
            Protocol::Halfblocks => "half blocks",
        }
    }
}

/// The terminal's graphics: its protocol and the size of a cell in pixels.
#[derive(Debug, Clone)]
pub struct Graphics {
    pub protocol: Protocol,
    /// A cell's (width, height) in pixels. Half blocks take any 1:2 size.
    pub cell: (u16, u16),
    picker: Option<Picker>,
}

impl Graphics {
    /// Half blocks: no picker, so nothing is asked of the terminal or of tmux.
    pub fn halfblocks() -> Graphics {
        Graphics { protocol: Protocol::Halfblocks, cell: (10, 20), picker: None }
    }

    /// A pixel protocol with the terminal's cell size. Inside tmux the sequences go through its
    /// passthrough (the library turns `allow-passthrough` on for this pane).
    pub fn pixels(protocol: Protocol, cell: (u16, u16)) -> Graphics {
        if protocol == Protocol::Halfblocks {
            return Graphics::halfblocks();
        }
        let cell = (cell.0.max(1), cell.1.max(1));
        // The only constructor that takes a known cell size without querying the terminal
        // itself (our own query has answered already, see `tui::graphics`).
        #[allow(deprecated)]
        let mut picker = Picker::from_fontsize(FontSize::new(cell.0, cell.1));
        picker.set_protocol_type(match protocol {
            Protocol::Kitty => ProtocolType::Kitty,
            Protocol::Sixel => ProtocolType::Sixel,
            Protocol::Iterm2 => ProtocolType::Iterm2,
            Protocol::Halfblocks => ProtocolType::Halfblocks,
        });
        Graphics { protocol, cell, picker: Some(picker) }
    }

    /// The pixels a picture may take: `cols` wide, `max_rows` high.
    pub fn fit(&self, cols: u16, max_rows: u16) -> Fit {
        Fit {
            width: u32::from(cols.max(1)) * u32::from(self.cell.0),
            height: u32::from(max_rows.max(1)) * u32::from(self.cell.1),
        }
    }

    /// Encodes a picture already shrunk to [`Graphics::fit`] for drawing: as many cells as its
    /// pixels cover, at most `cols` wide.
    pub fn encode(&self, picture: DynamicImage, cols: u16, max_rows: u16) -> Result<Picture, String> {
        let (cw, ch) = (u32::from(self.cell.0), u32::from(self.cell.1));
        let width = picture.width().div_ceil(cw).clamp(1, u32::from(cols.max(1)));
        let height = picture.height().div_ceil(ch).clamp(1, u32::from(max_rows.max(1)));
        let size = Size::new(width as u16, height as u16);
        let sliced = match &self.picker {
            None => SlicedProtocol::Halfblocks(Halfblocks::new(picture, size).map_err(|e| e.to_string())?),
            Some(picker) => SlicedProtocol::new_with_resize(picker, picture, size, Resize::Fit(None))
                .map_err(|e| e.to_string())?,
        };
        let drawn = sliced.size();
        Ok(Picture { cols: drawn.width, rows: drawn.height, sliced: Arc::new(sliced) })
    }
}

/// A picture encoded for the terminal, `cols` x `rows` cells.
#[derive(Clone)]
pub struct Picture {
    pub cols: u16,
    pub rows: u16,
    sliced: Arc<SlicedProtocol>,
}

impl std::fmt::Debug for Picture {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Picture({}x{})", self.cols, self.rows)
    }
}

/// The same encoding: a picture is never compared by its pixels.
impl PartialEq for Picture {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.sliced, &other.sliced)
    }
}

impl Eq for Picture {}

impl Picture {
    /// Draws the picture with its top row `top` rows below the top of `area` (negative: above
    /// it, cut off). Nothing is drawn outside `area`.
    pub fn draw(&self, area: Rect, top: i32, buf: &mut Buffer) {
        let Ok(y) = i16::try_from(top) else { return };
        if top >= i32::from(area.height) || top + i32::from(self.rows) <= 0 || self.cols > area.width {
            return;
        }
        SlicedImage::new(&self.sliced, SignedPosition { x: 0, y }).render(area, buf);
    }
}
