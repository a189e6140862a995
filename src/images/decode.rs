//! Bytes from the network -> a picture no larger than it will be drawn. Everything about the
//! input is distrusted: the declared type, the dimensions the header claims, the length.

use std::io::Cursor;

use image::{DynamicImage, ImageFormat, ImageReader, Limits};

/// The largest picture decoded, in pixels (a 6000x4000 photograph), and on either side.
/// Decoding needs its whole size in memory at once (3-4 bytes a pixel) before it is shrunk.
pub const MAX_PIXELS: u64 = 25_000_000;
pub const MAX_SIDE: u32 = 16_384;
/// What the decoder may allocate for one picture.
const MAX_ALLOC: u64 = 112 * 1024 * 1024;

/// A box in pixels that a picture is shrunk to fit (never enlarged).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fit {
    pub width: u32,
    pub height: u32,
}

/// Why a picture is not drawn, as a line for the log.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    #[error("served as {0}, not a picture")]
    NotAPicture(String),
    #[error("{0} pictures are not drawn")]
    Unsupported(&'static str),
    #[error("not a PNG, JPEG, GIF or WebP picture")]
    Unknown,
    #[error("claims {0}x{1} pixels, more than {MAX_PIXELS} (or {MAX_SIDE} a side)")]
    TooLarge(u32, u32),
    #[error("cannot decode: {0}")]
    Broken(String),
}

/// Decodes `bytes` (served with `content_type`, if any) and shrinks the result to fit `fit`.
pub fn decode(bytes: &[u8], content_type: Option<&str>, fit: Fit) -> Result<DynamicImage, DecodeError> {
    let format = format_of(bytes, content_type)?;
    // The header alone, before anything is allocated for the pixels.
    let reader = ImageReader::with_format(Cursor::new(bytes), format);
    let (w, h) = reader.into_dimensions().map_err(|e| DecodeError::Broken(one_line(&e)))?;
    if w == 0 || h == 0 || w > MAX_SIDE || h > MAX_SIDE || u64::from(w) * u64::from(h) > MAX_PIXELS {
        return Err(DecodeError::TooLarge(w, h));
    }
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    reader.limits(limits());
    // A GIF decodes to its first frame.
    let picture = reader.decode().map_err(|e| DecodeError::Broken(one_line(&e)))?;
    Ok(shrink(picture, fit))
}

fn limits() -> Limits {
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_ALLOC);
    limits
}

/// The format by the bytes' signature: a server's Content-Type is often wrong about which kind
/// of picture it sends, but a page (text/html) or a script is never a picture.
fn format_of(bytes: &[u8], content_type: Option<&str>) -> Result<ImageFormat, DecodeError> {
    let mime = content_type.map(|t| t.split(';').next().unwrap_or("").trim().to_ascii_lowercase());
    if mime.as_deref() == Some("image/svg+xml") {
        return Err(DecodeError::Unsupported("SVG"));
    }
    if let Some(mime) = &mime
        && !(mime.starts_with("image/")
            || mime == "application/octet-stream"
            || mime == "binary/octet-stream")
    {
        return Err(DecodeError::NotAPicture(crate::sanitize::clean_line(mime)));
    }
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(512)]);
    if head.contains("<svg") {
        return Err(DecodeError::Unsupported("SVG"));
    }
    match image::guess_format(bytes) {
        Ok(f @ (ImageFormat::Png | ImageFormat::Jpeg | ImageFormat::Gif | ImageFormat::WebP)) => Ok(f),
        Ok(ImageFormat::Avif) => Err(DecodeError::Unsupported("AVIF")),
        Ok(ImageFormat::Bmp) => Err(DecodeError::Unsupported("BMP")),
        Ok(ImageFormat::Tiff) => Err(DecodeError::Unsupported("TIFF")),
        Ok(ImageFormat::Ico) => Err(DecodeError::Unsupported("ICO")),
        _ => Err(DecodeError::Unknown),
    }
}

/// Shrinks to fit, keeping the proportions; a picture already inside the box is kept as is.
fn shrink(picture: DynamicImage, fit: Fit) -> DynamicImage {
    let (w, h) = (picture.width(), picture.height());
    if w <= fit.width && h <= fit.height {
        return picture;
    }
    // Area averaging in integers: no floating-point copy of the whole picture, as a filtered
    // resize makes (another 14 MB for a 3000x2000 photograph).
    picture.thumbnail(fit.width.max(1), fit.height.max(1))
}

fn one_line(e: &image::ImageError) -> String {
    crate::sanitize::clean_line(&e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    const BOX: Fit = Fit { width: 400, height: 200 };

    pub(crate) fn png(w: u32, h: u32) -> Vec<u8> {
        let picture = DynamicImage::new_rgb8(w, h);
        let mut out = Cursor::new(Vec::new());
        picture.write_to(&mut out, ImageFormat::Png).expect("encode");
        out.into_inner()
    }

    /// A valid PNG whose header then claims other dimensions (its checksum mended, so only the
    /// size is a lie).
    fn png_claiming(w: u32, h: u32) -> Vec<u8> {
        let mut bytes = png(1, 1);
        bytes[16..20].copy_from_slice(&w.to_be_bytes());
        bytes[20..24].copy_from_slice(&h.to_be_bytes());
        let crc = crc32(&bytes[12..29]);
        bytes[29..33].copy_from_slice(&crc.to_be_bytes());
        bytes
    }

    fn crc32(data: &[u8]) -> u32 {
        let mut crc = 0xffff_ffffu32;
        for &b in data {
            crc ^= u32::from(b);
            for _ in 0..8 {
                crc = if crc & 1 == 1 { (crc >> 1) ^ 0xedb8_8320 } else { crc >> 1 };
            }
        }
        !crc
    }

    #[test]
    fn shrinks_to_the_box_keeping_proportions_and_never_enlarges() {
        let big = decode(&png(1600, 400), Some("image/png"), BOX).expect("decodes");
        assert_eq!((big.width(), big.height()), (400, 100));
        let small = decode(&png(40, 30), None, BOX).expect("decodes");
        assert_eq!((small.width(), small.height()), (40, 30));
    }

    #[test]
    fn a_header_that_claims_a_huge_picture_is_refused_before_decoding() {
        assert_eq!(
            decode(&png_claiming(60_000, 60_000), None, BOX),
            Err(DecodeError::TooLarge(60_000, 60_000))
        );
        assert_eq!(decode(&png_claiming(6_000, 6_000), None, BOX), Err(DecodeError::TooLarge(6_000, 6_000)));
    }

    #[test]
    fn truncated_svg_html_and_unknown_bytes_are_refused() {
        let whole = png(300, 300);
        let cut = &whole[..whole.len() / 2];
        assert!(matches!(decode(cut, Some("image/png"), BOX), Err(DecodeError::Broken(_))));
        let svg = b"<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\"></svg>";
        assert_eq!(decode(svg, Some("image/svg+xml"), BOX), Err(DecodeError::Unsupported("SVG")));
        assert_eq!(decode(svg, Some("image/png"), BOX), Err(DecodeError::Unsupported("SVG")));
        assert_eq!(
            decode(&png(2, 2), Some("text/html; charset=utf-8"), BOX),
            Err(DecodeError::NotAPicture("text/html".into()))
        );
        assert_eq!(decode(b"GIF", Some("image/gif"), BOX), Err(DecodeError::Unknown));
        assert_eq!(decode(b"", None, BOX), Err(DecodeError::Unknown));
    }

    #[test]
    fn a_wrong_picture_type_is_read_by_its_signature() {
        let p = decode(&png(10, 10), Some("image/jpeg"), BOX).expect("a PNG served as JPEG");
        assert_eq!(p.width(), 10);
    }
}
