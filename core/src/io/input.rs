//! The input as the readers see it: gzip unpacked (found by its magic bytes, whatever the
//! name), and the bytes a sniff read ahead given again first (Python's `open_input`, `_Input`).

use std::io::{self, BufRead, BufReader, Chain, Cursor, Read};

use flate2::bufread::GzDecoder;

use super::{BreakOff, READ_SIZE, SNIFF_SIZE};

const GZIP_MAGIC: [u8; 2] = [0x1f, 0x8b];

type Source = Box<dyn Read + Send>;
type Packed = BufReader<Chain<Cursor<Vec<u8>>, Source>>;

/// A readable input: first the bytes read ahead, then the rest of the (unpacked) source.
pub struct Input {
    head: Vec<u8>,
    head_pos: usize,
    body: Body,
}

enum Body {
    Plain(Source),
    Gzip(Box<Gzip>),
}

/// The input opened: gzip, told by its first two bytes, is unpacked as it is read.
pub fn open_input(mut raw: Source) -> Result<Input, BreakOff> {
    let mut head = Vec::with_capacity(2);
    fill_to(&mut raw, &mut head, 2, |head| head.len() >= 2)?;
    if head.starts_with(&GZIP_MAGIC) {
        let packed = BufReader::with_capacity(READ_SIZE, Cursor::new(head).chain(raw));
        return Ok(Input {
            head: Vec::new(),
            head_pos: 0,
            body: Body::Gzip(Box::new(Gzip {
                state: State::Between(packed),
            })),
        });
    }
    Ok(Input {
        head,
        head_pos: 0,
        body: Body::Plain(raw),
    })
}

impl Input {
    /// The bytes read ahead and not yet delivered.
    pub fn head(&self) -> &[u8] {
        self.head.get(self.head_pos..).unwrap_or_default()
    }

    /// Reads ahead until `enough` of the first bytes (at most `SNIFF_SIZE`) or the end, however
    /// the source hands them over (a pipe gives what it has): they are delivered again.
    pub(crate) fn read_ahead(&mut self, enough: impl Fn(&[u8]) -> bool) -> Result<(), BreakOff> {
        let Input { head, body, .. } = self;
        let mut source: &mut dyn Read = match body {
            Body::Plain(source) => source,
            Body::Gzip(gzip) => gzip.as_mut(),
        };
        fill_to(&mut source, head, SNIFF_SIZE, enough)
    }
}

impl Read for Input {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        let head = self.head();
        if !head.is_empty() {
            let size = head.len().min(out.len());
            if let (Some(dst), Some(src)) = (out.get_mut(..size), head.get(..size)) {
                dst.copy_from_slice(src);
            }
            self.head_pos = self.head_pos.saturating_add(size);
            if self.head_pos >= self.head.len() {
                self.head = Vec::new();
                self.head_pos = 0;
            }
            return Ok(size);
        }
        match &mut self.body {
            Body::Plain(source) => source.read(out),
            Body::Gzip(gzip) => gzip.read(out),
        }
    }
}

/// Reads into `head` until `enough`, `limit` bytes, or the end of `source`.
fn fill_to<R: Read + ?Sized>(
    source: &mut R,
    head: &mut Vec<u8>,
    limit: usize,
    enough: impl Fn(&[u8]) -> bool,
) -> Result<(), BreakOff> {
    let mut block = [0u8; 4096];
    while head.len() < limit && !enough(head) {
        let want = limit.saturating_sub(head.len()).min(block.len());
        let Some(space) = block.get_mut(..want) else {
            break;
        };
        match source.read(space) {
            Ok(0) => break,
            Ok(count) => head.extend_from_slice(space.get(..count).unwrap_or_default()),
            Err(err) if err.kind() == io::ErrorKind::Interrupted => continue,
            Err(err) => return Err(break_off(err)),
        }
    }
    Ok(())
}

/// An error of the source as the end of the input: our own wording when it is one of ours.
pub(crate) fn break_off(err: io::Error) -> BreakOff {
    match err
        .get_ref()
        .and_then(|inner| inner.downcast_ref::<BreakOff>())
    {
        Some(ours) => ours.clone(),
        None => BreakOff::new(format!("cannot read the input: {err}")),
    }
}

/// gzip members one after another (as `gzip` writes them with `cat`), zero padding after them
/// allowed, as Python's `gzip` reads them; damage is an error in our words.
struct Gzip {
    state: State,
}

enum State {
    Member(GzDecoder<Packed>),
    Between(Packed),
    Done,
}

fn damaged(why: &str) -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidData,
        BreakOff::new(format!("the gzip data is damaged or cut short ({why})")),
    )
}

/// Our words for what flate2 found wrong in a member.
fn member_damage(err: &io::Error) -> io::Error {
    if err.kind() == io::ErrorKind::UnexpectedEof {
        return damaged("it ends before the end of the compressed data");
    }
    let text = err.to_string();
    if text.contains("checksum") || text.contains("length") {
        damaged("the unpacked data does not match its checksum")
    } else if text.contains("header") {
        damaged("a gzip header is invalid")
    } else {
        damaged("the compressed data is corrupt")
    }
}

impl Read for Gzip {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        if out.is_empty() {
            return Ok(0);
        }
        loop {
            match std::mem::replace(&mut self.state, State::Done) {
                State::Done => return Ok(0),
                State::Member(mut member) => match member.read(out) {
                    Ok(0) => self.state = State::Between(member.into_inner()),
                    Ok(count) => {
                        self.state = State::Member(member);
                        return Ok(count);
                    }
                    Err(err) if err.kind() == io::ErrorKind::Interrupted => {
                        self.state = State::Member(member);
                    }
                    Err(err) => return Err(member_damage(&err)),
                },
                State::Between(mut packed) => {
                    // Zero bytes after a member are padding; the end is the end; anything
                    // else must be the next member.
                    let next = loop {
                        let data = match packed.fill_buf() {
                            Ok(data) => data,
                            Err(err) if err.kind() == io::ErrorKind::Interrupted => continue,
                            Err(err) => return Err(err),
                        };
                        if data.is_empty() {
                            break None;
                        }
                        let zeros = data.iter().take_while(|&&b| b == 0).count();
                        if zeros == 0 {
                            break Some((data.first().copied(), data.get(1).copied()));
                        }
                        packed.consume(zeros);
                    };
                    match next {
                        None => return Ok(0),
                        Some((first, second)) => {
                            let magic = first == Some(GZIP_MAGIC[0])
                                && second.is_none_or(|b| b == GZIP_MAGIC[1]);
                            if !magic {
                                return Err(damaged(
                                    "what follows the compressed data is not gzip data",
                                ));
                            }
                            self.state = State::Member(GzDecoder::new(packed));
                        }
                    }
                }
            }
        }
    }
}
