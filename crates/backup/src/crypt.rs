//! Encryption of a backup file with a key file: ChaCha20-Poly1305 in the STREAM construction.
//!
//! The plaintext (the compressed archive) is cut into 64 KiB chunks; each is sealed with the
//! chunk's counter and a "last chunk" flag in its nonce, so a reordered, dropped, altered or
//! truncated chunk fails authentication instead of decrypting to something else.
//!
//! Layout: `MAGIC` (8 bytes), a random 7-byte nonce prefix, then the sealed chunks (each 16 bytes
//! longer than its plaintext). The header is not secret and is bound to nothing but the key: the
//! archive inside carries its own manifest and hashes.

use std::io::{self, Read, Write};

use chacha20poly1305::aead::KeyInit;
use chacha20poly1305::aead::stream::{DecryptorBE32, EncryptorBE32};
use chacha20poly1305::{ChaCha20Poly1305, Key as CipherKey};
use rand_core::{OsRng, RngCore};

/// The first bytes of an encrypted backup.
pub(crate) const MAGIC: &[u8; 8] = b"PNCRENC1";
const NONCE_PREFIX: usize = 7;
const CHUNK: usize = 64 * 1024;
const TAG: usize = 16;

/// A backup key: 32 bytes, kept in a file as 64 hexadecimal digits (`openssl rand -hex 32`).
#[derive(Clone)]
pub struct Key([u8; 32]);

impl std::fmt::Debug for Key {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Key(…)")
    }
}

impl Key {
    /// Parses the key file's text: 64 hexadecimal digits, surrounding white space ignored.
    pub fn from_hex(text: &str) -> Result<Key, String> {
        let text = text.trim();
        if text.len() != 64 || !text.bytes().all(|byte| byte.is_ascii_hexdigit()) {
            return Err("a backup key is 64 hexadecimal digits (make one with `openssl rand -hex 32`)".to_owned());
        }
        let mut key = [0_u8; 32];
        for (index, byte) in key.iter_mut().enumerate() {
            *byte = u8::from_str_radix(&text[index * 2..index * 2 + 2], 16)
                .map_err(|_| "a backup key is 64 hexadecimal digits".to_owned())?;
        }
        Ok(Key(key))
    }

    /// A new random key.
    pub fn generate() -> Key {
        let mut key = [0_u8; 32];
        OsRng.fill_bytes(&mut key);
        Key(key)
    }

    /// The key as the key file holds it.
    pub fn to_hex(&self) -> String {
        pencere_core::hex(&self.0)
    }

    fn cipher(&self) -> ChaCha20Poly1305 {
        ChaCha20Poly1305::new(CipherKey::from_slice(&self.0))
    }
}

fn sealing_failed<E>(_: E) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, "the backup key does not open this file, or the file was altered")
}

/// Encrypts everything written to it into `inner`; call [`EncryptingWriter::finish`] at the end.
pub(crate) struct EncryptingWriter<W: Write> {
    inner: W,
    encryptor: Option<EncryptorBE32<ChaCha20Poly1305>>,
    buffer: Vec<u8>,
}

impl<W: Write> EncryptingWriter<W> {
    pub(crate) fn new(mut inner: W, key: &Key) -> io::Result<EncryptingWriter<W>> {
        let mut prefix = [0_u8; NONCE_PREFIX];
        OsRng.fill_bytes(&mut prefix);
        inner.write_all(MAGIC)?;
        inner.write_all(&prefix)?;
        let encryptor = EncryptorBE32::from_aead(key.cipher(), (&prefix).into());
        Ok(EncryptingWriter { inner, encryptor: Some(encryptor), buffer: Vec::with_capacity(CHUNK) })
    }

    /// Seals the last chunk and returns the inner writer.
    pub(crate) fn finish(mut self) -> io::Result<W> {
        let encryptor = self.encryptor.take().ok_or_else(|| io::Error::other("already finished"))?;
        let sealed = encryptor.encrypt_last(self.buffer.as_slice()).map_err(sealing_failed)?;
        self.inner.write_all(&sealed)?;
        self.inner.flush()?;
        Ok(self.inner)
    }
}

impl<W: Write> Write for EncryptingWriter<W> {
    fn write(&mut self, data: &[u8]) -> io::Result<usize> {
        // A chunk is sealed only when more data follows it, so the last one is always sealed
        // as last by `finish`.
        if self.buffer.len() == CHUNK {
            let encryptor = self.encryptor.as_mut().ok_or_else(|| io::Error::other("already finished"))?;
            let sealed = encryptor.encrypt_next(self.buffer.as_slice()).map_err(sealing_failed)?;
            self.inner.write_all(&sealed)?;
            self.buffer.clear();
        }
        let taken = data.len().min(CHUNK - self.buffer.len());
        self.buffer.extend_from_slice(&data[..taken]);
        Ok(taken)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

/// Decrypts a stream made by [`EncryptingWriter`] (after its `MAGIC`, which the caller has read).
pub(crate) struct DecryptingReader<R: Read> {
    inner: R,
    decryptor: Option<DecryptorBE32<ChaCha20Poly1305>>,
    /// The next sealed chunk, read ahead to learn whether the current one is the last.
    ahead: Vec<u8>,
    plain: Vec<u8>,
    position: usize,
}

fn read_up_to<R: Read>(reader: &mut R, size: usize) -> io::Result<Vec<u8>> {
    let mut buffer = Vec::with_capacity(size);
    reader.take(size as u64).read_to_end(&mut buffer)?;
    Ok(buffer)
}

impl<R: Read> DecryptingReader<R> {
    pub(crate) fn new(mut inner: R, key: &Key) -> io::Result<DecryptingReader<R>> {
        let prefix = read_up_to(&mut inner, NONCE_PREFIX)?;
        if prefix.len() != NONCE_PREFIX {
            return Err(io::Error::new(io::ErrorKind::UnexpectedEof, "the encrypted backup ends in its header"));
        }
        let decryptor = DecryptorBE32::from_aead(key.cipher(), prefix.as_slice().into());
        let ahead = read_up_to(&mut inner, CHUNK + TAG)?;
        Ok(DecryptingReader { inner, decryptor: Some(decryptor), ahead, plain: Vec::new(), position: 0 })
    }

    fn refill(&mut self) -> io::Result<()> {
        let Some(decryptor) = self.decryptor.as_mut() else { return Ok(()) };
        let sealed = std::mem::take(&mut self.ahead);
        if sealed.len() < TAG {
            self.decryptor = None;
            return Err(io::Error::new(io::ErrorKind::UnexpectedEof, "the encrypted backup is truncated"));
        }
        let next = read_up_to(&mut self.inner, CHUNK + TAG)?;
        if next.is_empty() {
            // Fails unless this chunk was sealed as the last: a file cut at a chunk boundary.
            let decryptor = self.decryptor.take().ok_or_else(|| io::Error::other("finished"))?;
            self.plain = decryptor.decrypt_last(sealed.as_slice()).map_err(sealing_failed)?;
        } else {
            self.plain = decryptor.decrypt_next(sealed.as_slice()).map_err(sealing_failed)?;
            self.ahead = next;
        }
        self.position = 0;
        Ok(())
    }
}

impl<R: Read> Read for DecryptingReader<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        while self.position == self.plain.len() {
            if self.decryptor.is_none() {
                return Ok(0);
            }
            self.refill()?;
        }
        let taken = out.len().min(self.plain.len() - self.position);
        out[..taken].copy_from_slice(&self.plain[self.position..self.position + taken]);
        self.position += taken;
        Ok(taken)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "tests")]
    use super::*;

    fn round_trip(size: usize) -> Vec<u8> {
        let key = Key::generate();
        let data: Vec<u8> = (0..size).map(|index| (index % 251) as u8).collect();
        let mut writer = EncryptingWriter::new(Vec::new(), &key).unwrap();
        writer.write_all(&data).unwrap();
        let sealed = writer.finish().unwrap();
        assert_eq!(&sealed[..8], MAGIC);
        let mut reader = DecryptingReader::new(&sealed[8..], &key).unwrap();
        let mut back = Vec::new();
        reader.read_to_end(&mut back).unwrap();
        assert_eq!(back, data);
        sealed
    }

    #[test]
    fn sizes_around_chunk_boundaries_round_trip() {
        for size in [0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 3 * CHUNK, 3 * CHUNK + 17] {
            round_trip(size);
        }
    }

    #[test]
    fn a_wrong_key_a_changed_byte_and_a_cut_at_a_chunk_boundary_are_refused() {
        let key = Key::generate();
        let mut writer = EncryptingWriter::new(Vec::new(), &key).unwrap();
        writer.write_all(&vec![7_u8; 2 * CHUNK + 5]).unwrap();
        let sealed = writer.finish().unwrap();
        let read = |bytes: &[u8], key: &Key| -> io::Result<Vec<u8>> {
            let mut out = Vec::new();
            DecryptingReader::new(&bytes[8..], key)?.read_to_end(&mut out)?;
            Ok(out)
        };
        assert!(read(&sealed, &Key::generate()).is_err());
        let mut changed = sealed.clone();
        changed[100] ^= 1;
        assert!(read(&changed, &key).is_err());
        let cut = &sealed[..8 + NONCE_PREFIX + 2 * (CHUNK + TAG)];
        assert!(read(cut, &key).is_err());
        assert!(read(&sealed, &key).is_ok());
    }

    #[test]
    fn key_files_are_64_hex_digits() {
        let key = Key::generate();
        assert_eq!(Key::from_hex(&format!(" {}\n", key.to_hex())).unwrap().0, key.0);
        assert!(Key::from_hex("abc").is_err());
        assert!(Key::from_hex(&"g".repeat(64)).is_err());
    }
}
